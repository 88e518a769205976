package handlers

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"huoban/models"
	"huoban/store"
)

// ItemBody is one catalogue product a collaboration sold.
type ItemBody struct {
	ProductID int64 `json:"product_id"`
	Units     int64 `json:"units"`
	GMVCents  int64 `json:"gmv_cents"`
}

// UnmarshalJSON decodes an item strictly: an unknown member is refused.
func (b *ItemBody) UnmarshalJSON(data []byte) error {
	type plain ItemBody
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*b = ItemBody(p)
	return nil
}

// maxItems bounds the items of one collaboration.
const maxItems = 50

// chinaTime is the zone a session's day is taken in when only its start
// time is sent (the brands and buyers work in China Standard Time).
var chinaTime = time.FixedZone("CST", 8*3600)

func toItemBodies(items []models.CollabItem) []ItemBody {
	out := make([]ItemBody, 0, len(items))
	for _, it := range items {
		out = append(out, ItemBody{ProductID: it.ProductID, Units: it.Units, GMVCents: it.GMVCents})
	}
	return out
}

// applySchedule copies the calendar fields and items onto c: starts_at is
// kept to the minute, and without start_on its day (China time) becomes
// start_on; duration_minutes is 1–1440 or null.
func (r *CollaborationRequest) applySchedule(ve *models.ValidationError, c *models.Collaboration) {
	if r.StartsAt.Set {
		if r.StartsAt.Null {
			c.StartsAt = nil
		} else {
			t := r.StartsAt.V.UTC().Truncate(time.Minute)
			if t.Year() < 2000 || t.Year() > 2999 {
				ve.Add("starts_at", "must be a time between the years 2000 and 2999")
			}
			c.StartsAt = &t
			if !r.StartOn.Set {
				c.StartOn = models.Date(t.In(chinaTime).Format(models.DateLayout))
			}
		}
	}
	if r.DurationMinutes.Set {
		if !r.DurationMinutes.Null && (r.DurationMinutes.V < 1 || r.DurationMinutes.V > store.MaxSessionMinutes) {
			ve.Add("duration_minutes", "must be between 1 and 1440 minutes, or null")
		}
		c.DurationMinutes = r.DurationMinutes.Ptr()
	}
	c.AllowOverlap = r.AllowOverlap.Set && !r.AllowOverlap.Null && r.AllowOverlap.V
	if r.Items.Set {
		items := []models.CollabItem{}
		if len(r.Items.V) > maxItems {
			ve.Add("items", "must have at most "+strconv.Itoa(maxItems)+" items")
		}
		seen := map[int64]bool{}
		for i, it := range r.Items.V {
			at := "items[" + strconv.Itoa(i) + "]."
			if it.ProductID <= 0 {
				ve.Add(at+"product_id", "must be a product's id")
			} else if seen[it.ProductID] {
				ve.Add(at+"product_id", "names a product already listed")
			}
			seen[it.ProductID] = true
			if it.Units < 0 || it.Units > maxAmount {
				ve.Add(at+"units", "must be between 0 and "+strconv.FormatInt(maxAmount, 10))
			}
			if it.GMVCents < 0 || it.GMVCents > maxAmount {
				ve.Add(at+"gmv_cents", "must be between 0 and "+strconv.FormatInt(maxAmount, 10))
			}
			items = append(items, models.CollabItem{ProductID: it.ProductID, Units: it.Units, GMVCents: it.GMVCents})
		}
		c.Items = items
	}
}
