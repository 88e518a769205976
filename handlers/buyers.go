package handlers

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// Limits on a buyer's free-text lists (interest circles, categories, tags).
const maxLabels = 20

// ContactBody is a buyer's contact details.
type ContactBody struct {
	Wechat string `json:"wechat"`
	Phone  string `json:"phone"`
	Email  string `json:"email"`
}

// BuyerStats sums a buyer's completed collaborations.
type BuyerStats struct {
	Collaborations      int64       `json:"collaborations"`
	GMVCentsTotal       int64       `json:"gmv_cents_total"`
	GMVCents90d         int64       `json:"gmv_cents_90d"`
	LastCollaborationOn models.Date `json:"last_collaboration_on"`
}

// HealthSummary is a buyer's partnership health score and label.
type HealthSummary struct {
	Score int    `json:"score"`
	Label string `json:"label" openapi:"enum=thriving|steady|at_risk|dormant|new"`
}

// BuyerResponse is the contract's `buyer`.
type BuyerResponse struct {
	ID              int64              `json:"id"`
	Name            string             `json:"name"`
	XhsID           *string            `json:"xhs_id"`
	AvatarURL       string             `json:"avatar_url"`
	City            string             `json:"city"`
	Followers       int64              `json:"followers"`
	InterestCircles []string           `json:"interest_circles"`
	Categories      []string           `json:"categories"`
	Tags            []string           `json:"tags"`
	Stage           models.Stage       `json:"stage"`
	Status          models.BuyerStatus `json:"status"`
	OwnerID         *int64             `json:"owner_id"`
	CommissionPct   models.Pct         `json:"commission_pct"`
	Contact         ContactBody        `json:"contact"`
	Notes           string             `json:"notes"`
	Stats           BuyerStats         `json:"stats"`
	Health          HealthSummary      `json:"health"`
	Tier            *TierRef           `json:"tier"`
	CreatedAt       time.Time          `json:"created_at"`
	UpdatedAt       time.Time          `json:"updated_at"`
}

func nonNil(l models.StringList) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func toBuyerResponse(b *models.Buyer) BuyerResponse {
	return BuyerResponse{
		ID: b.ID, Name: b.Name, XhsID: b.XhsID, AvatarURL: b.AvatarURL, City: b.City, Followers: b.Followers,
		InterestCircles: nonNil(b.InterestCircles), Categories: nonNil(b.Categories), Tags: nonNil(b.Tags),
		Stage: b.Stage, Status: b.Status, OwnerID: b.OwnerID, CommissionPct: b.CommissionPct,
		Contact: ContactBody{Wechat: b.ContactWechat, Phone: b.ContactPhone, Email: b.ContactEmail},
		Notes:   b.Notes,
		Stats: BuyerStats{Collaborations: b.StatCollaborations, GMVCentsTotal: b.GMVCentsTotal,
			GMVCents90d: b.GMVCents90d, LastCollaborationOn: b.LastCollaborationOn},
		Health: HealthSummary{Score: b.HealthScore, Label: b.HealthLabel}, Tier: tierRef(b),
		CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(),
	}
}

// TierRef names a buyer's partner tier.
type TierRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Rank int    `json:"rank"`
}

// tierRef is the tier stored on the buyer's row, or nil.
func tierRef(b *models.Buyer) *TierRef {
	if b.TierID == nil {
		return nil
	}
	return &TierRef{ID: *b.TierID, Name: b.TierName, Rank: b.TierRank}
}

// ContactRequest is decoded member by member so a PATCH can change one of them.
type ContactRequest struct {
	set    bool
	Wechat Opt[string] `json:"wechat"`
	Phone  Opt[string] `json:"phone"`
	Email  Opt[string] `json:"email"`
}

func (r *ContactRequest) markSet() { r.set = true }

// BuyerRequest is the body of POST /buyers and PATCH /buyers/{id}.
type BuyerRequest struct {
	Name            Opt[string]             `json:"name" openapi:"required"`
	XhsID           Opt[string]             `json:"xhs_id"`
	AvatarURL       Opt[string]             `json:"avatar_url"`
	City            Opt[string]             `json:"city"`
	Followers       Opt[int64]              `json:"followers"`
	InterestCircles Opt[[]string]           `json:"interest_circles"`
	Categories      Opt[[]string]           `json:"categories"`
	Tags            Opt[[]string]           `json:"tags"`
	Stage           Opt[models.Stage]       `json:"stage"`
	Status          Opt[models.BuyerStatus] `json:"status"`
	OwnerID         Opt[int64]              `json:"owner_id"`
	CommissionPct   Opt[models.Pct]         `json:"commission_pct"`
	Contact         ContactRequest          `json:"contact"`
	Notes           Opt[string]             `json:"notes"`
	// TierID pins the buyer's tier; null unpins it (the tier is then assigned from the criteria).
	TierID Opt[int64] `json:"tier_id"`
}

// optText applies an optional text field: null clears it.
func optText(ve *models.ValidationError, field string, o Opt[string], dst *string, max int) {
	if !o.Set {
		return
	}
	v := o.V
	checkText(ve, field, &v, 0, max)
	*dst = v
}

// apply validates the request and copies the fields sent onto b.
func (r *BuyerRequest) apply(b *models.Buyer, creating bool) error {
	ve := &models.ValidationError{}
	if creating || r.Name.Set {
		v := r.Name.V
		checkText(ve, "name", &v, 1, 100)
		b.Name = v
	}
	if r.XhsID.Set {
		v := strings.TrimSpace(r.XhsID.V)
		switch {
		case v == "":
			b.XhsID = nil
		case len([]rune(v)) > 64:
			ve.Add("xhs_id", models.MaxLength(64))
		default:
			b.XhsID = &v
		}
	}
	if r.AvatarURL.Set {
		v := r.AvatarURL.V
		checkURL(ve, "avatar_url", &v)
		b.AvatarURL = v
	}
	optText(ve, "city", r.City, &b.City, 50)
	optText(ve, "notes", r.Notes, &b.Notes, 5000)
	if r.Followers.Set {
		if r.Followers.Null || r.Followers.V < 0 {
			ve.Add("followers", models.Min(0))
		}
		b.Followers = r.Followers.V
	}
	if r.InterestCircles.Set {
		b.InterestCircles = cleanList(ve, "interest_circles", r.InterestCircles.V, maxLabels)
	}
	if r.Categories.Set {
		b.Categories = cleanList(ve, "categories", r.Categories.V, maxLabels)
	}
	if r.Tags.Set {
		b.Tags = cleanList(ve, "tags", r.Tags.V, maxLabels)
	}
	if r.Stage.Set {
		switch {
		case !creating:
			ve.Add("stage", models.ReadOnly("use POST /buyers/{id}/stage"))
		case !r.Stage.V.Valid():
			ve.Add("stage", models.OneOf(models.Stages...))
		default:
			b.Stage = r.Stage.V
		}
	}
	if r.Status.Set {
		if !r.Status.V.Valid() {
			ve.Add("status", models.OneOf("active", "archived"))
		}
		b.Status = r.Status.V
	}
	if r.OwnerID.Set {
		switch {
		case r.OwnerID.Null:
			b.OwnerID = nil
		case r.OwnerID.V <= 0:
			ve.Add("owner_id", models.UnknownRef("team member"))
		default:
			v := r.OwnerID.V
			b.OwnerID = &v
		}
	}
	if r.CommissionPct.Set {
		if r.CommissionPct.Null || r.CommissionPct.V < 0 || r.CommissionPct.V > 10000 {
			ve.Add("commission_pct", models.Between(0, 100))
		}
		b.CommissionPct = r.CommissionPct.V
	}
	if r.TierID.Set {
		switch {
		case creating:
			ve.Add("tier_id", "is pinned with PATCH once the buyer exists")
		case r.TierID.Null:
			b.TierPinned = false
		case r.TierID.V <= 0:
			ve.Add("tier_id", "must be a tier's id")
		default:
			v := r.TierID.V
			b.TierPinned, b.TierID = true, &v
		}
	}
	if r.Contact.set {
		optText(ve, "contact.wechat", r.Contact.Wechat, &b.ContactWechat, 64)
		optText(ve, "contact.phone", r.Contact.Phone, &b.ContactPhone, 32)
		if r.Contact.Email.Set {
			v := r.Contact.Email.V
			checkEmail(ve, "contact.email", &v, false)
			b.ContactEmail = v
		}
	}
	return ve.Err()
}

// xhsConflict is the answer when a xhs_id is already used in the brand.
var xhsConflict = models.ConflictOn("xhs_id", "another buyer of this brand already has this xhs_id")

// CreateBuyer adds a buyer; it starts at prospect unless a stage is given.
func (h *Handlers) CreateBuyer(c *gin.Context) error {
	var req BuyerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	b := models.Buyer{Stage: models.StageProspect, Status: models.BuyerActive,
		InterestCircles: models.StringList{}, Categories: models.StringList{}, Tags: models.StringList{}}
	if err := req.apply(&b, true); err != nil {
		return err
	}
	if err := h.Store.CreateBuyer(c.Request.Context(), actor(c), &b); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return xhsConflict
		}
		return err
	}
	c.JSON(http.StatusCreated, toBuyerResponse(&b))
	return nil
}

// GetBuyer returns one buyer.
func (h *Handlers) GetBuyer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	b, err := h.Store.GetBuyer(c.Request.Context(), brandID(c), id)
	if err != nil {
		return err
	}
	r := toBuyerResponse(b)
	c.JSON(http.StatusOK, r)
	return nil
}

// PatchBuyer changes only the fields sent.
func (h *Handlers) PatchBuyer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req BuyerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	// Validate before touching the database so bad input changes nothing.
	if err := req.apply(&models.Buyer{}, false); err != nil {
		return err
	}
	b, err := h.Store.UpdateBuyer(c.Request.Context(), actor(c), id, func(b *models.Buyer) error { return req.apply(b, false) })
	if err != nil {
		var me *models.Error
		if errors.Is(err, models.ErrConflict) && !errors.As(err, &me) {
			return xhsConflict
		}
		return err
	}
	c.JSON(http.StatusOK, toBuyerResponse(b))
	return nil
}

// DeleteBuyer archives a buyer, or with ?purge=true deletes one without collaborations.
func (h *Handlers) DeleteBuyer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	purge, err := boolQuery(c, "purge")
	if err != nil {
		return err
	}
	if purge {
		err = h.Store.PurgeBuyer(c.Request.Context(), actor(c), id)
	} else {
		err = h.Store.ArchiveBuyer(c.Request.Context(), actor(c), id)
	}
	if err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// ListBuyers returns a filtered, sorted page of buyers.
func (h *Handlers) ListBuyers(c *gin.Context) error {
	q, err := buyerQuery(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListBuyers(c.Request.Context(), brandID(c), q)
	if err != nil {
		return err
	}
	l := toList(page, toBuyerResponse)
	c.JSON(http.StatusOK, l)
	return nil
}

// buyerQuery reads the list's filters, sort and paging from the query string.
func buyerQuery(c *gin.Context) (store.BuyerQuery, error) {
	ve := &models.ValidationError{}
	q := store.BuyerQuery{
		Q: strings.TrimSpace(c.Query("q")), Stage: c.Query("stage"), Status: c.DefaultQuery("status", string(models.BuyerActive)),
		Circle: strings.TrimSpace(c.Query("circle")), Category: strings.TrimSpace(c.Query("category")), Cursor: c.Query("cursor"),
	}
	if q.Stage != "" && !models.Stage(q.Stage).Valid() {
		ve.Add("stage", models.OneOf(models.Stages...))
	}
	switch q.Status {
	case "active", "archived":
	case "all":
		q.Status = ""
	default:
		ve.Add("status", models.OneOf("active", "archived", "all"))
	}
	if v := c.Query("owner_id"); v != "" {
		id, ok := positiveInt(v)
		if !ok {
			ve.Add("owner_id", models.Custom("positive_integer", nil, "must be a positive integer"))
		}
		q.OwnerID = id
	}
	sort := c.DefaultQuery("sort", "name")
	q.Desc = strings.HasPrefix(sort, "-")
	q.Sort = strings.TrimPrefix(sort, "-")
	if _, ok := store.BuyerSorts[q.Sort]; !ok {
		ve.Add("sort", models.SortOneOf("name", "created_at", "followers", "gmv_cents_90d", "last_collaboration_on", "health"))
	}
	paging(c, ve, &q.Limit, &q.WithTotal)
	return q, ve.Err()
}
