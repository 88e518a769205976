package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
	"huoban/store"
)

// NotificationResponse is one in-app notification.
type NotificationResponse struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	ReadAt    *time.Time `json:"read_at"`
	CreatedAt time.Time  `json:"created_at"`
}

func toNotificationResponse(n *models.Notification) NotificationResponse {
	return NotificationResponse{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link,
		ReadAt: utcPtr(n.ReadAt), CreatedAt: n.CreatedAt.UTC()}
}

// ListNotifications returns the signed-in user's notifications, newest
// first; ?unread=true keeps the unread ones.
func (h *Handlers) ListNotifications(c *gin.Context) error {
	ve := &models.ValidationError{}
	q := store.NotificationQuery{SubQuery: subPaging(c, ve)}
	unread, err := boolQuery(c, "unread")
	if err != nil {
		ve.Add("unread", "must be true or false")
	}
	q.Unread = unread
	if err := ve.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListNotifications(c.Request.Context(), CurrentPrincipal(c).UserID, q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toList(page, toNotificationResponse))
	return nil
}

// CountResponse is a count.
type CountResponse struct {
	Count int64 `json:"count"`
}

// UnreadNotificationCount counts the signed-in user's unread notifications.
func (h *Handlers) UnreadNotificationCount(c *gin.Context) error {
	n, err := h.Store.UnreadNotifications(c.Request.Context(), CurrentPrincipal(c).UserID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, CountResponse{Count: n})
	return nil
}

// ReadNotificationsRequest is the body of POST /notifications/read: ids, or all.
type ReadNotificationsRequest struct {
	IDs []int64 `json:"ids"`
	All bool    `json:"all"`
}

// ReadResponse says how many notifications a mark-read changed.
type ReadResponse struct {
	Marked int64 `json:"marked"`
}

// maxReadIDs bounds the ids of one mark-read.
const maxReadIDs = 200

// ReadNotifications marks notifications of the signed-in user read.
func (h *Handlers) ReadNotifications(c *gin.Context) error {
	var req ReadNotificationsRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	switch {
	case req.All && len(req.IDs) > 0:
		ve.Add("ids", "send ids or all, not both")
	case !req.All && len(req.IDs) == 0:
		ve.Add("ids", "must list at least one id, or send all: true")
	case len(req.IDs) > maxReadIDs:
		ve.Add("ids", "must list at most 200 ids")
	}
	for _, id := range req.IDs {
		if id <= 0 {
			ve.Add("ids", "must be positive ids")
			break
		}
	}
	if err := ve.Err(); err != nil {
		return err
	}
	n, err := h.Store.MarkNotificationsRead(c.Request.Context(), CurrentPrincipal(c).UserID, req.IDs, req.All)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ReadResponse{Marked: n})
	return nil
}
