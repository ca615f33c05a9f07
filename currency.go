package leads

import "strings"

// CurrencyMinorUnits returns the number of decimal places of an ISO 4217
// currency code ("EUR" 2, "JPY" 0, "BHD" 3): how precise its amounts may
// be. ok is false for codes the package does not know, which opportunities
// refuse. The table holds the currencies in common commercial use; a
// function rather than a map, so that nothing at package level can change.
func CurrencyMinorUnits(code string) (places int32, ok bool) {
	switch strings.ToUpper(strings.TrimSpace(code)) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
		"UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0, true
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3, true
	case "AED", "ARS", "AUD", "BDT", "BGN", "BRL", "CAD", "CHF", "CNY", "COP",
		"CZK", "DKK", "EGP", "EUR", "GBP", "GEL", "HKD", "HUF", "IDR", "ILS",
		"INR", "KES", "KZT", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD", "PEN",
		"PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD",
		"THB", "TRY", "TWD", "UAH", "USD", "ZAR":
		return 2, true
	}
	return 0, false
}
