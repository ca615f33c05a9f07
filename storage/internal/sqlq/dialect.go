package sqlq

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Dialect is the SQL of one database: how parameters are written and
// typed, how text compares byte by byte, how list columns are searched.
// The statements of both dialects have the same shape (the same columns,
// conditions, sort keys and cursors); only these pieces differ.
type Dialect int

const (
	// Postgres writes parameters as $n::type, keeps list fields in text
	// arrays, and compares folded text with COLLATE "C".
	Postgres Dialect = iota
	// SQLite writes parameters as ?n, keeps list fields in JSON arrays
	// (read with json_each), times as integer microseconds, decimals as
	// REAL, and compares text in its default BINARY collation (byte order).
	SQLite
)

// bytewise is the collation clause that makes text compare byte by byte.
func (d Dialect) bytewise() string {
	if d == Postgres {
		return ` COLLATE "C"`
	}
	return ""
}

// placeholder writes parameter n (from 1) of SQL type typ.
func (d Dialect) placeholder(n int, typ string) string {
	if d == Postgres {
		return "$" + strconv.Itoa(n) + "::" + typ
	}
	return "?" + strconv.Itoa(n)
}

// value converts a parameter to what the driver of d takes for typ.
// PostgreSQL (pgx) takes every value as it is; SQLite keeps times as
// microseconds since 1970, UUIDs as their text, decimals as REAL and
// booleans as integers.
func (d Dialect) value(v any, typ string) any {
	if d == Postgres {
		return v
	}
	switch x := v.(type) {
	case time.Time:
		return x.UnixMicro()
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uuid.UUID:
		return x.String()
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case string:
		if typ == "numeric" {
			f, err := decimal.NewFromString(x)
			if err != nil {
				return x
			}
			v, _ := f.Float64()
			return v
		}
	}
	return v
}

// literal writes s, which is storable, as a string constant of d: for
// PostgreSQL an escape string (E'...') whatever standard_conforming_strings
// says, for SQLite s between single quotes with each quote doubled.
func literal(d Dialect, s string) string {
	if d == Postgres {
		s = strings.ReplaceAll(s, `\`, `\\`)
		s = strings.ReplaceAll(s, `'`, `''`)
		return "E'" + s + "'"
	}
	return "'" + strings.ReplaceAll(s, `'`, `''`) + "'"
}
