package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/ics"
	"huoban/models"
	"huoban/store"
)

// maxCalendarDays is the widest calendar window, in days (inclusive).
const maxCalendarDays = 92

// CalendarItemResponse is one collaboration on the calendar.
type CalendarItemResponse struct {
	CollaborationID int64               `json:"collaboration_id"`
	Buyer           BuyerRef            `json:"buyer"`
	Type            models.CollabType   `json:"type"`
	Title           string              `json:"title"`
	StartsAt        *time.Time          `json:"starts_at"`
	StartOn         models.Date         `json:"start_on"`
	EndOn           models.Date         `json:"end_on"`
	DurationMinutes *int                `json:"duration_minutes"`
	Status          models.CollabStatus `json:"status"`
	Products        []string            `json:"products"`
}

func toCalendarItem(it *store.CalendarItem) CalendarItemResponse {
	return CalendarItemResponse{CollaborationID: it.CollaborationID, Buyer: BuyerRef{ID: it.BuyerID, Name: it.BuyerName},
		Type: it.Type, Title: it.Title, StartsAt: it.StartsAt, StartOn: it.StartOn, EndOn: it.EndOn,
		DurationMinutes: it.DurationMinutes, Status: it.Status, Products: nonNil(it.Products)}
}

// calendarQuery reads the window (default: today and the next 30 days) and filters.
func (h *Handlers) calendarQuery(c *gin.Context) (store.CalendarQuery, error) {
	ve := &models.ValidationError{}
	today := h.Store.Today()
	q := store.CalendarQuery{From: today, To: today.AddDays(30)}
	for name, dst := range map[string]*models.Date{"from": &q.From, "to": &q.To} {
		if v := c.Query(name); v != "" {
			d, err := models.ParseDate(v)
			if err != nil {
				ve.Add(name, err.Error())
			}
			*dst = d
		}
	}
	if c.Query("from") != "" && c.Query("to") == "" && !ve.Has("from") {
		q.To = q.From.AddDays(30)
	}
	if !ve.Has("from") && !ve.Has("to") {
		if q.To < q.From {
			ve.Add("to", "must be on or after from")
		} else if q.From.AddDays(maxCalendarDays-1) < q.To {
			ve.Add("to", "the window may span at most "+strconv.Itoa(maxCalendarDays)+" days")
		}
	}
	for name, dst := range map[string]*int64{"buyer_id": &q.BuyerID, "owner_id": &q.OwnerID} {
		if v := c.Query(name); v != "" {
			id, ok := positiveInt(v)
			if !ok {
				ve.Add(name, "must be a positive integer")
			}
			*dst = id
		}
	}
	return q, ve.Err()
}

// Calendar lists the brand's collaborations in a window of at most 92 days, by time.
func (h *Handlers) Calendar(c *gin.Context) error {
	q, err := h.calendarQuery(c)
	if err != nil {
		return err
	}
	items, err := h.Store.Calendar(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	out := make([]CalendarItemResponse, 0, len(items))
	for i := range items {
		out = append(out, toCalendarItem(&items[i]))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// CalendarKeyResponse carries a new calendar feed key, shown this once.
type CalendarKeyResponse struct {
	Key string `json:"key"`
	// Path is the feed's path with the key, to append to the server's address.
	Path      string    `json:"path"`
	CreatedAt time.Time `json:"created_at"`
}

// CreateCalendarKey makes the caller a new feed key, revoking the old one;
// only its hash is stored.
func (h *Handlers) CreateCalendarKey(c *gin.Context) error {
	key := auth.RandomToken("hbcal_")
	if err := h.Store.SetCalendarKey(c.Request.Context(), actor(c), key); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, CalendarKeyResponse{Key: key, Path: "/api/v1/calendar.ics?key=" + key, CreatedAt: h.Store.Now()})
	return nil
}

// feedPastDays and feedFutureDays are the window a calendar feed covers.
const (
	feedPastDays   = 30
	feedFutureDays = maxCalendarDays - feedPastDays - 1
)

// CalendarFeed answers the iCalendar feed of a feed key's brand: the last
// 30 and the next 61 days. A wrong or revoked key is a plain 404.
func (h *Handlers) CalendarFeed(c *gin.Context) error {
	key := c.Query("key")
	if key == "" || len(key) > 128 {
		return models.ErrNotFound
	}
	ctx := c.Request.Context()
	brand, _, err := h.Store.CalendarKeyOwner(ctx, key)
	if err != nil {
		return models.ErrNotFound
	}
	today := h.Store.Today()
	items, err := h.Store.Calendar(ctx, brand, store.CalendarQuery{From: today.AddDays(-feedPastDays), To: today.AddDays(feedFutureDays)})
	if err != nil {
		return err
	}
	cal := ics.Calendar{ProdID: "-//Huoban//Calendar//ZH", Name: "伙伴 排期"}
	stamp := h.Store.Now()
	for i := range items {
		cal.Events = append(cal.Events, feedEvent(&items[i], stamp))
	}
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", cal.Bytes())
	return nil
}

// feedEvent turns a calendar item into a VEVENT: timed when it has a start
// time, else all day from start_on through end_on.
func feedEvent(it *store.CalendarItem, stamp time.Time) ics.Event {
	e := ics.Event{UID: "collaboration-" + strconv.FormatInt(it.CollaborationID, 10) + "@huoban", Stamp: stamp,
		Summary: it.BuyerName + " · " + it.Title, Modified: it.UpdatedAt}
	desc := string(it.Type)
	for i, p := range it.Products {
		if i == 0 {
			desc += "\n"
		} else {
			desc += ", "
		}
		desc += p
	}
	e.Description = desc
	switch it.Status {
	case models.CollabCancelled:
		e.Status = "CANCELLED"
	case models.CollabPlanned:
		e.Status = "TENTATIVE"
	default:
		e.Status = "CONFIRMED"
	}
	if it.StartsAt != nil {
		e.Start = *it.StartsAt
		d := store.DefaultSessionMinutes
		if it.DurationMinutes != nil {
			d = *it.DurationMinutes
		}
		e.End = e.Start.Add(time.Duration(d) * time.Minute)
		return e
	}
	e.AllDay = true
	e.Start = it.StartOn.Time()
	end := it.StartOn
	if it.EndOn != "" && it.EndOn > it.StartOn {
		end = it.EndOn
	}
	e.End = end.AddDays(1).Time()
	return e
}
