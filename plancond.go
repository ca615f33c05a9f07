package leads

import (
	"fmt"
	"slices"
	"strings"
)

// compileCond turns a condition into a test; nil means "always true".
func compileCond(c Cond, path string, lookup func(Field) (fieldSpec, bool)) (func(*Lead) bool, error) {
	if c.IsZero() {
		return nil, nil
	}
	switch c.Op {
	case OpAnd, OpOr, OpNot:
		return compileLogic(c, path, lookup)
	}
	return compileComparison(c, path, lookup)
}

// compileLogic compiles a condition that combines conditions: and, or,
// not.
func compileLogic(c Cond, path string, lookup func(Field) (fieldSpec, bool)) (func(*Lead) bool, error) {
	switch c.Op {
	case OpAnd, OpOr:
		if c.Field != "" || len(c.Values) > 0 {
			return nil, fieldErr(path, "%q takes conditions, not a field or values", c.Op)
		}
		subs := make([]func(*Lead) bool, 0, len(c.Conds))
		for i, sc := range c.Conds {
			f, err := compileCond(sc, fmt.Sprintf("%s.conds[%d]", path, i), lookup)
			if err != nil {
				return nil, err
			}
			if f == nil {
				f = func(*Lead) bool { return true }
			}
			subs = append(subs, f)
		}
		if c.Op == OpAnd {
			return func(l *Lead) bool {
				for _, f := range subs {
					if !f(l) {
						return false
					}
				}
				return true
			}, nil
		}
		return func(l *Lead) bool {
			for _, f := range subs {
				if f(l) {
					return true
				}
			}
			return false
		}, nil
	case OpNot:
		if len(c.Conds) != 1 {
			return nil, fieldErr(path, "not takes exactly one condition, got %d", len(c.Conds))
		}
		f, err := compileCond(c.Conds[0], path+".conds[0]", lookup)
		if err != nil {
			return nil, err
		}
		if f == nil {
			return func(*Lead) bool { return false }, nil
		}
		return func(l *Lead) bool { return !f(l) }, nil
	}
	return nil, fieldErr(path+".op", "unknown operator %q", c.Op)
}

// compileComparison compiles a condition that compares one field.
func compileComparison(c Cond, path string, lookup func(Field) (fieldSpec, bool)) (func(*Lead) bool, error) {
	spec, ok := lookup(c.Field)
	if !ok {
		return nil, fieldErr(path+".field", "unknown field %q", c.Field)
	}
	if len(c.Conds) > 0 {
		return nil, fieldErr(path, "%q compares a field and takes no conditions", c.Op)
	}
	want := map[Op]int{OpEq: 1, OpContains: 1, OpPrefix: 1, OpRange: 2, OpEmpty: 0, OpNotEmpty: 0}
	n, known := want[c.Op]
	switch {
	case c.Op == OpIn:
		if len(c.Values) == 0 {
			return nil, fieldErr(path+".values", "in needs at least one value")
		}
	case !known:
		return nil, fieldErr(path+".op", "unknown operator %q", c.Op)
	case len(c.Values) != n:
		return nil, fieldErr(path+".values", "%s takes %d values, got %d", c.Op, n, len(c.Values))
	}
	if spec.kind == kindCustom {
		return compileCustomCond(c, spec, path)
	}
	if (c.Op == OpContains || c.Op == OpPrefix) && spec.kind != KindText {
		return nil, fieldErr(path+".op", "%s applies to text, and %s is a %s field", c.Op, c.Field, spec.kind)
	}
	ops := make([]operand, len(c.Values))
	for i, v := range c.Values {
		if c.Op == OpRange && v == "" {
			continue
		}
		op, err := parseOperand(spec.kind, v)
		if err != nil {
			return nil, fieldErr(fmt.Sprintf("%s.values[%d]", path, i), "%q is not a %s value for %s", v, spec.kind, c.Field)
		}
		if c.Op == OpEq || c.Op == OpIn {
			op.text = v // exact text comparison
		}
		ops[i] = op
	}
	test, err := valueTest(c, spec, ops, path)
	if err != nil {
		return nil, err
	}
	if spec.kind == KindText {
		exact := c.Op == OpEq || c.Op == OpIn
		if spec.list {
			return func(l *Lead) bool {
				vs := spec.texts(l)
				if c.Op == OpEmpty || c.Op == OpNotEmpty {
					nonEmpty := slices.ContainsFunc(vs, func(v string) bool { return v != "" })
					return nonEmpty == (c.Op == OpNotEmpty)
				}
				for _, v := range vs {
					if !exact {
						v = foldText(v)
					}
					if test(keyVal{text: v}) {
						return true
					}
				}
				return false
			}, nil
		}
		return func(l *Lead) bool {
			v := spec.text(l)
			if !exact {
				v = foldText(v)
			}
			return test(keyVal{text: v})
		}, nil
	}
	return func(l *Lead) bool { return test(spec.key(l)) }, nil
}

// valueTest returns the test of one value against the operands.
func valueTest(c Cond, spec fieldSpec, ops []operand, path string) (func(keyVal) bool, error) {
	zero := func(v keyVal) bool {
		switch spec.kind {
		case KindInt:
			return v.num == 0
		case KindDecimal:
			return v.dec.IsZero()
		case KindTime:
			return v.time.IsZero()
		}
		return v.text == ""
	}
	switch c.Op {
	case OpEmpty:
		return zero, nil
	case OpNotEmpty:
		return func(v keyVal) bool { return !zero(v) }, nil
	case OpEq, OpIn:
		return func(v keyVal) bool {
			for _, op := range ops {
				if spec.compare(v, keyVal(op)) == 0 {
					return true
				}
			}
			return false
		}, nil
	case OpContains:
		return func(v keyVal) bool { return strings.Contains(v.text, ops[0].text) }, nil
	case OpPrefix:
		return func(v keyVal) bool { return strings.HasPrefix(v.text, ops[0].text) }, nil
	case OpRange:
		lo, hi := c.Values[0] != "", c.Values[1] != ""
		if lo && hi && spec.compare(keyVal(ops[0]), keyVal(ops[1])) > 0 {
			return nil, fieldErr(path+".values", "range of %s runs from %s down to %s", c.Field, c.Values[0], c.Values[1])
		}
		return func(v keyVal) bool {
			if lo && spec.compare(v, keyVal(ops[0])) < 0 {
				return false
			}
			if hi && spec.compare(v, keyVal(ops[1])) > 0 {
				return false
			}
			return true
		}, nil
	}
	return nil, fieldErr(path+".op", "unknown operator %q", c.Op)
}
