package sqlite

import (
	"database/sql/driver"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
	"github.com/shopspring/decimal"
	"modernc.org/sqlite"
)

func init() {
	// Registered once for every connection the driver opens.
	if err := sqlite.RegisterDeterministicScalarFunction(sqlq.TypedFunc, 2, typedValue); err != nil {
		panic("leads/sqlite: register " + sqlq.TypedFunc + ": " + err.Error())
	}
}

// typedValue implements sqlq.TypedFunc: the value of a custom field read
// as a number (REAL), date ('YYYY-MM-DD') or yes/no (1 or 0) by the root
// package's rules, or NULL.
func typedValue(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	name, _ := args[0].(string)
	v, _ := args[1].(string)
	if v == "" || strings.TrimSpace(v) != v {
		return nil, nil
	}
	var t leads.CustomType
	if err := t.UnmarshalText([]byte(name)); err != nil {
		return nil, nil
	}
	c, ok := t.QueryValue(v)
	if !ok {
		return nil, nil
	}
	switch t {
	case leads.CustomNumber:
		d, err := decimal.NewFromString(c)
		if err != nil {
			return nil, nil
		}
		f, _ := d.Float64()
		return f, nil
	case leads.CustomYesNo:
		if c == "yes" {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return c, nil
}
