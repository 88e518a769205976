package handlers

import (
	"strconv"
	"strings"

	"huoban/models"
	"huoban/store"
)

// The items column of a collaborations CSV names catalogue products the way
// a platform's order export lists them per line: SKU, units and GMV in yuan,
// as "SKU*units*gmv_yuan", several separated by "|" (as products are) or
// ";" — e.g. "LAMP-1*12*1548.00|TENT-2*3*1797". The SKU is the brand's
// catalogue SKU; GMV has at most two decimals (分).
const itemsFormat = `SKU*units*gmv_yuan, separated by | or ;`

// parseItemsCell reads an items cell; problems go to ve under "items".
func parseItemsCell(ve *models.ValidationError, v string) []store.ImportItem {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var out []store.ImportItem
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '|' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		f := strings.Split(part, "*")
		if len(f) != 3 {
			ve.Add("items", "each item must be "+itemsFormat+"; got "+strconv.Quote(part))
			return nil
		}
		sku := strings.TrimSpace(f[0])
		units, err := strconv.ParseInt(strings.TrimSpace(f[1]), 10, 64)
		if err != nil || units < 0 || units > maxAmount {
			ve.Add("items", "units of "+strconv.Quote(sku)+" must be a whole number >= 0")
			return nil
		}
		cents, ok := yuanToCents(strings.TrimSpace(f[2]))
		if !ok {
			ve.Add("items", "gmv of "+strconv.Quote(sku)+" must be yuan with at most two decimals")
			return nil
		}
		if sku == "" || seen[sku] {
			ve.Add("items", "each item needs a SKU, once")
			return nil
		}
		seen[sku] = true
		out = append(out, store.ImportItem{SKU: sku, Units: units, GMVCents: cents})
	}
	if len(out) > maxItems {
		ve.Add("items", "must have at most "+strconv.Itoa(maxItems)+" items")
	}
	return out
}

// yuanToCents parses "1548", "1548.5" or "1548.50" into cents.
func yuanToCents(s string) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > maxAmount/100 {
		return 0, false
	}
	f := int64(0)
	if frac != "" {
		for len(frac) < 2 {
			frac += "0"
		}
		n, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || strings.HasPrefix(frac, "-") || strings.HasPrefix(frac, "+") {
			return 0, false
		}
		f = n
	}
	return w*100 + f, true
}
