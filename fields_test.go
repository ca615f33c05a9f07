package leads_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

func TestFieldDefinitionValidate(t *testing.T) {
	for name, tt := range map[string]struct {
		d      leads.FieldDefinition
		fields []string
	}{
		"text":            {leads.FieldDefinition{Name: "Notes", Type: leads.CustomText}, nil},
		"choice":          {leads.FieldDefinition{Name: "Tier", Type: leads.CustomChoice, Choices: []string{"Gold", "Silver"}}, nil},
		"contact":         {leads.FieldDefinition{Name: "Tier", RecordType: leads.TypeContact, Type: leads.CustomYesNo}, nil},
		"no name":         {leads.FieldDefinition{Name: " ", Type: leads.CustomText}, []string{"name"}},
		"no type":         {leads.FieldDefinition{Name: "x"}, []string{"type"}},
		"bad record type": {leads.FieldDefinition{Name: "x", Type: leads.CustomText, RecordType: 7}, []string{"record_type"}},
		"no choices":      {leads.FieldDefinition{Name: "x", Type: leads.CustomChoice}, []string{"choices"}},
		"stray choices":   {leads.FieldDefinition{Name: "x", Type: leads.CustomNumber, Choices: []string{"1"}}, []string{"choices"}},
		"bad choices": {leads.FieldDefinition{Name: "x", Type: leads.CustomChoice, Choices: []string{"Gold", "", "gold", "\xff"}},
			[]string{"choices[1]", "choices[2]", "choices[3]"}},
	} {
		t.Run(name, func(t *testing.T) {
			err := tt.d.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			requireFieldErrors(t, err, tt.fields...)
		})
	}
	for _, s := range []string{"text", "Number", "date", "yes/no", "YesNo", "boolean", "choice", "list"} {
		typ, err := leads.ParseCustomType(s)
		require.NoError(t, err, s)
		again, err := leads.ParseCustomType(typ.String())
		require.NoError(t, err)
		require.Equal(t, typ, again)
	}
	_, err := leads.ParseCustomType("float")
	requireFieldErrors(t, err, "type")
}

// defineFields adds one lead field of every type.
func defineFields(t *testing.T, b *leads.Book) map[string]*leads.FieldDefinition {
	t.Helper()
	ctx := t.Context()
	out := map[string]*leads.FieldDefinition{}
	for _, d := range []leads.FieldDefinition{
		{Name: "Notes", Type: leads.CustomText},
		{Name: "Budget", Type: leads.CustomNumber},
		{Name: "Met on", Type: leads.CustomDate},
		{Name: "Newsletter", Type: leads.CustomYesNo},
		{Name: "Tier", Type: leads.CustomChoice, Choices: []string{"Gold", "Silver", "Bronze"}},
	} {
		added, err := b.Fields().Create(ctx, &d)
		require.NoError(t, err)
		out[d.Name] = added
	}
	return out
}

func TestCustomValues(t *testing.T) {
	b, _, ctx := newBook(t)
	defineFields(t, b)
	// A contact field does not apply to leads.
	_, err := b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Free", RecordType: leads.TypeContact, Type: leads.CustomNumber})
	require.NoError(t, err)

	for name, tt := range map[string]struct {
		custom map[string]string
		want   map[string]string // stored values; nil when refused
		fields []string
	}{
		"text":               {map[string]string{"Notes": " anything "}, map[string]string{"Notes": " anything "}, nil},
		"number":             {map[string]string{"Budget": " -12.50 "}, map[string]string{"Budget": "-12.50"}, nil},
		"number, not":        {map[string]string{"Budget": "12,50"}, nil, []string{"custom.Budget"}},
		"number, exponent":   {map[string]string{"Budget": "1e3"}, nil, []string{"custom.Budget"}},
		"date":               {map[string]string{"Met on": "2026-11-27"}, map[string]string{"Met on": "2026-11-27"}, nil},
		"date, not":          {map[string]string{"Met on": "27/11/2026"}, nil, []string{"custom.Met on"}},
		"date, impossible":   {map[string]string{"Met on": "2026-02-30"}, nil, []string{"custom.Met on"}},
		"yes/no":             {map[string]string{"Newsletter": "Y"}, map[string]string{"Newsletter": "yes"}, nil},
		"yes/no, false":      {map[string]string{"Newsletter": "false"}, map[string]string{"Newsletter": "no"}, nil},
		"yes/no, not":        {map[string]string{"Newsletter": "maybe"}, nil, []string{"custom.Newsletter"}},
		"choice":             {map[string]string{"Tier": "gold"}, map[string]string{"Tier": "Gold"}, nil},
		"choice, not":        {map[string]string{"Tier": "Platinum"}, nil, []string{"custom.Tier"}},
		"empty value fits":   {map[string]string{"Budget": ""}, map[string]string{"Budget": ""}, nil},
		"free-form key":      {map[string]string{"whatever": "1e3"}, map[string]string{"whatever": "1e3"}, nil},
		"contact field free": {map[string]string{"Free": "lots"}, map[string]string{"Free": "lots"}, nil},
		"two wrong": {map[string]string{"Budget": "x", "Tier": "y", "Notes": "ok"}, nil,
			[]string{"custom.Budget", "custom.Tier"}},
	} {
		t.Run(name, func(t *testing.T) {
			before := count(t, b, ctx)
			l, err := b.Create(ctx, &leads.Lead{FullName: "Ada " + name, Custom: tt.custom})
			if tt.fields != nil {
				requireFieldErrors(t, err, tt.fields...)
				require.Equal(t, before, count(t, b, ctx), "nothing stored")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, l.Custom)
			require.Equal(t, tt.want, get(t, b, ctx, l.ID).Custom)
		})
	}

	// Edit checks what it changes, and leaves the rest alone.
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace", Custom: map[string]string{"Tier": "Silver"}})
	_, err = b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.Custom["Budget"] = "ten"; return nil })
	requireFieldErrors(t, err, "custom.Budget")
	require.Equal(t, l, get(t, b, ctx, l.ID), "nothing changed")
	edited, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.Custom["Budget"] = "10"; return nil })
	require.NoError(t, err)
	require.Equal(t, map[string]string{"Tier": "Silver", "Budget": "10"}, edited.Custom)
}

func TestFieldDefinitionLifeCycle(t *testing.T) {
	b, _, ctx := newBook(t)
	defs := defineFields(t, b)
	tier := defs["Tier"]
	lead := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada", Custom: map[string]string{"Tier": "Gold", "Budget": "5"}})
	other := mustCreate(t, b, ctx, &leads.Lead{FullName: "Bob", Custom: map[string]string{"Tier": "Bronze"}})
	contact := mustCreate(t, b, ctx, &leads.Lead{FullName: "Cy", Type: leads.TypeContact, Custom: map[string]string{"Tier": "anything"}})

	_, err := b.Fields().Create(ctx, &leads.FieldDefinition{Name: "tier", Type: leads.CustomText})
	requireFieldErrors(t, err, "name")
	listed, err := leads.Collect(b.Fields().List(ctx, leads.TypeLead))
	require.NoError(t, err)
	require.Len(t, listed, 5)
	require.Equal(t, "Notes", listed[0].Name, "in the order they were added")

	// Rename: every lead's key moves, in one write; contacts are not touched.
	renamed, err := b.Fields().Edit(ctx, tier.ID, func(d *leads.FieldDefinition) error { d.Name = "Level"; return nil })
	require.NoError(t, err)
	require.Equal(t, "Level", renamed.Name)
	require.Equal(t, map[string]string{"Level": "Gold", "Budget": "5"}, get(t, b, ctx, lead.ID).Custom)
	require.Equal(t, map[string]string{"Level": "Bronze"}, get(t, b, ctx, other.ID).Custom)
	require.Equal(t, map[string]string{"Tier": "anything"}, get(t, b, ctx, contact.ID).Custom)

	// A rename onto a key some record holds free-form is refused.
	_, err = b.Edit(ctx, other.ID, func(l *leads.Lead) error { l.Custom["Rank"] = "3"; return nil })
	require.NoError(t, err)
	before := get(t, b, ctx, other.ID)
	_, err = b.Fields().Edit(ctx, tier.ID, func(d *leads.FieldDefinition) error { d.Name = "Rank"; return nil })
	requireFieldErrors(t, err, "custom.Rank")
	require.ErrorContains(t, err, "1 records already hold")
	require.Equal(t, before, get(t, b, ctx, other.ID))
	got, err := leads.Collect(b.Fields().List(ctx, leads.TypeLead))
	require.NoError(t, err)
	require.Equal(t, "Level", got[4].Name, "the definition kept its name")

	// Dropping a choice that records hold is refused, naming how many.
	_, err = b.Fields().Edit(ctx, tier.ID, func(d *leads.FieldDefinition) error { d.Choices = []string{"Gold", "Silver"}; return nil })
	requireFieldErrors(t, err, "custom.Level")
	require.ErrorContains(t, err, "1 records hold values")
	_, err = b.Fields().Edit(ctx, tier.ID, func(d *leads.FieldDefinition) error { d.RecordType = leads.TypeContact; return nil })
	requireFieldErrors(t, err, "record_type")

	// A definition for values already held: they must fit, and get canonical.
	_, err = b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Rank", Type: leads.CustomYesNo})
	requireFieldErrors(t, err, "custom.Rank")
	got, err = leads.Collect(b.Fields().List(ctx))
	require.NoError(t, err)
	require.Len(t, got, 5, "the refused definition was not added")
	_, err = b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Rank", Type: leads.CustomNumber})
	require.NoError(t, err)
	_, err = b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Tier", RecordType: leads.TypeContact, Type: leads.CustomChoice,
		Choices: []string{"ANYTHING"}})

	require.NoError(t, err)
	require.Equal(t, "ANYTHING", get(t, b, ctx, contact.ID).Custom["Tier"], "put in the spelling of the choice")

	// Remove: the values go too.
	require.NoError(t, b.Fields().Delete(ctx, tier.ID))
	require.Equal(t, map[string]string{"Budget": "5"}, get(t, b, ctx, lead.ID).Custom)
	require.Equal(t, map[string]string{"Rank": "3"}, get(t, b, ctx, other.ID).Custom)
	require.ErrorIs(t, b.Fields().Delete(ctx, tier.ID), leads.ErrNotFound)
}

func TestFieldDefinitionChangesAreAllOrNothing(t *testing.T) {
	store := &failingStore{Store: memory.New()}
	b := leads.New(store)
	ctx := t.Context()
	tier, err := b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Tier", Type: leads.CustomText})
	require.NoError(t, err)
	var ids []uuid.UUID
	for _, n := range []string{"A", "B", "C"} {
		ids = append(ids, mustCreate(t, b, ctx, &leads.Lead{FullName: n, Custom: map[string]string{"Tier": n}}).ID)
	}
	store.n = 2 // the second record's rename fails
	_, err = b.Fields().Edit(ctx, tier.ID, func(d *leads.FieldDefinition) error { d.Name = "Level"; return nil })
	require.ErrorIs(t, err, errDisk)
	store.n = 3
	require.ErrorIs(t, b.Fields().Delete(ctx, tier.ID), errDisk)
	for _, id := range ids {
		l := get(t, b, ctx, id)
		require.Equal(t, l.FullName, l.Custom["Tier"], "no record changed")
		require.Len(t, l.Custom, 1)
	}
	defs, err := leads.Collect(b.Fields().List(ctx))
	require.NoError(t, err)
	require.Equal(t, []*leads.FieldDefinition{tier}, defs, "the definition is as it was")
}

// FuzzCheckValue checks that checking a value never panics, that refusals
// name the field, and that the canonical form of a value is accepted as it
// is.
func FuzzCheckValue(f *testing.F) {
	for _, s := range []string{"", "12.50", " -3 ", "1e3", "2026-11-27", "Y", "false", "gold", "\xff", "a\x00"} {
		f.Add(s)
	}
	defs := []leads.FieldDefinition{
		{Name: "t", Type: leads.CustomText}, {Name: "n", Type: leads.CustomNumber}, {Name: "d", Type: leads.CustomDate},
		{Name: "y", Type: leads.CustomYesNo}, {Name: "c", Type: leads.CustomChoice, Choices: []string{"Gold", "Silver"}},
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, d := range defs {
			canon, err := d.CheckValue(v)
			if err != nil {
				requireFieldErrors(t, err, "custom."+d.Name)
				continue
			}
			again, err := d.CheckValue(canon)
			require.NoError(t, err, "%s: %q gave %q", d.Type, v, canon)
			require.Equal(t, canon, again)
		}
	})
}
