// Package vcardfile reads leads from vCard files (versions 2.1, 3.0 and
// 4.0, RFC 2426 and RFC 6350) and writes them as vCard 4.0.
//
// The reader is this package's own: github.com/emersion/go-vcard neither
// decodes vCard 2.1's QUOTED-PRINTABLE values (with their soft line breaks)
// nor CHARSET parameters, and it skips lines it cannot parse, whereas an
// import must report them. The writer is this package's own too, because
// go-vcard's encoder neither folds long lines (RFC 6350 §3.2) nor escapes a
// semicolon inside a component of N or ADR ("Suite 4; Floor 2"), which
// would shift every later component.
//
// What the reader understands: folded lines; groups ("item1.EMAIL");
// parameters in 2.1's bare form (TEL;WORK;FAX) and in TYPE= lists;
// ENCODING=QUOTED-PRINTABLE and CHARSET (any charset that golang.org/x/text
// knows); text escapes; several EMAIL, TEL, ADR and URL properties, labelled
// by their TYPE; PHOTO as inline base64 (ENCODING=b or BASE64, or a 4.0
// data: URI), checked to be JPEG, PNG or GIF; FN, N, ORG, TITLE, NOTE,
// CATEGORIES and BDAY (the last two as custom fields). A photo given by URL
// is ignored: import never goes to the network.
//
// The reader is liberal, because the files come from phones and mail
// clients that bend the grammar, and a person dropped for a cosmetic
// reason is worse than a value to check. It reads UTF-16 with or without a
// byte-order mark; values that are not UTF-8 and name no CHARSET by a
// documented guess (windows-1252, windows-1251, KOI8-R or Shift_JIS); lines
// folded without the leading space; property lines without a colon; a
// comma for a semicolon after the name ("LABEL,TYPE=HOME:"); and malformed
// quoted-printable. Each repair is a warning in Row.Warnings, whose Column
// is the property name. A card is rejected only when no name, e-mail
// address or phone number can be read from it; a card cut short by the end
// of the file, or nested in another (2.1's AGENT), is read as a card. A
// file with text but no BEGIN:VCARD is an error (ErrNoCard).
package vcardfile
