package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"huoban/models"
)

// In-app notifications. Each is made by notify inside the transaction of
// what caused it, for one user, in that user's language.

// Notice is a notification to make: who gets it, and its text in Chinese
// and English (the recipient's locale picks one).
type Notice struct {
	BrandID int64
	UserID  int64
	Kind    string
	// Title and Body are the zh-CN text; TitleEN and BodyEN the English.
	Title, Body     string
	TitleEN, BodyEN string
	// Link is the app path of the record it is about.
	Link string
	// OnceKey, when set, makes the notice at most once across all instances.
	OnceKey string
}

// noticeBodyMax bounds a notification's body (runes).
const noticeBodyMax = 200

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// notify records n in tx. It is the one way to make a notification; other
// features' writes call it beside their audit entry.
func (s *Store) notify(tx *gorm.DB, n Notice) error {
	var locale []string
	if err := tx.Raw("SELECT locale FROM users WHERE id = ?", n.UserID).Scan(&locale).Error; err != nil {
		return err
	}
	if len(locale) == 0 {
		return nil // the user is gone
	}
	title, body := n.Title, n.Body
	if locale[0] == models.LocaleEN && n.TitleEN != "" {
		title, body = n.TitleEN, n.BodyEN
	}
	var once *string
	if n.OnceKey != "" {
		once = &n.OnceKey
	}
	row := models.Notification{BrandID: n.BrandID, UserID: n.UserID, Kind: n.Kind, Title: clip(title, 200),
		Body: clip(body, noticeBodyMax), Link: n.Link, OnceKey: once, CreatedAt: s.now()}
	if once == nil {
		return tx.Create(&row).Error
	}
	return tx.Exec(`INSERT INTO notifications (brand_id, user_id, kind, title, body, link, once_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING`,
		row.BrandID, row.UserID, row.Kind, row.Title, row.Body, row.Link, once, row.CreatedAt).Error
}

// buyerOwner returns the staff owner of a buyer and the buyer's name; owner
// is 0 when nobody owns the buyer.
func buyerOwner(tx *gorm.DB, buyerID int64) (owner int64, name string, err error) {
	var rows []struct {
		OwnerID *int64
		Name    string
	}
	if err := tx.Raw("SELECT owner_id, name FROM buyers WHERE id = ?", buyerID).Scan(&rows).Error; err != nil {
		return 0, "", err
	}
	if len(rows) == 0 {
		return 0, "", nil
	}
	if rows[0].OwnerID != nil {
		owner = *rows[0].OwnerID
	}
	return owner, rows[0].Name, nil
}

// buyerPortalUsers returns the buyer users linked to a buyer record.
func buyerPortalUsers(tx *gorm.DB, buyerID int64) ([]int64, error) {
	var ids []int64
	err := tx.Raw("SELECT user_id FROM buyer_links WHERE buyer_id = ? ORDER BY user_id", buyerID).Scan(&ids).Error
	return ids, err
}

// notifyBuyerOwner tells a buyer's owner about something the buyer did.
// titles gets the buyer's name and returns the Chinese and English title.
func (s *Store) notifyBuyerOwner(tx *gorm.DB, brandID, buyerID int64, kind string, titles func(buyer string) (zh, en string), body string) error {
	owner, name, err := buyerOwner(tx, buyerID)
	if err != nil || owner == 0 {
		return err
	}
	zh, en := titles(name)
	return s.notify(tx, Notice{BrandID: brandID, UserID: owner, Kind: kind,
		Title: zh, TitleEN: en, Body: body, BodyEN: body,
		Link: fmt.Sprintf("/buyers/%d", buyerID)})
}

// notifyGoalSet tells the buyer's portal users about a new shared goal.
func (s *Store) notifyGoalSet(tx *gorm.DB, g *models.Goal) error {
	users, err := buyerPortalUsers(tx, g.BuyerID)
	if err != nil || len(users) == 0 {
		return err
	}
	var brand []string
	if err := tx.Raw("SELECT name FROM brands WHERE id = ?", g.BrandID).Scan(&brand).Error; err != nil {
		return err
	}
	bn := strings.Join(brand, "")
	for _, u := range users {
		if err := s.notify(tx, Notice{BrandID: g.BrandID, UserID: u, Kind: "goal_set",
			Title: fmt.Sprintf("%s 和你定了新目标「%s」", bn, g.Title), TitleEN: fmt.Sprintf("%s set a new shared goal: %s", bn, g.Title),
			Body: g.SharedNote, BodyEN: g.SharedNote, Link: fmt.Sprintf("/portal/%d", g.BuyerID)}); err != nil {
			return err
		}
	}
	return nil
}

// NotificationQuery filters and pages a user's notifications.
type NotificationQuery struct {
	SubQuery
	Unread bool
}

// ListNotifications returns a page of the user's notifications, newest first.
func (s *Store) ListNotifications(ctx context.Context, userID int64, f NotificationQuery) (*Page[models.Notification], error) {
	q := s.read(ctx).Model(&models.Notification{}).Where("user_id = ?", userID)
	if f.Unread {
		q = q.Where("read_at IS NULL")
	}
	return idPage(q, f.SubQuery, func(n *models.Notification) int64 { return n.ID })
}

// UnreadNotifications counts the user's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.read(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error
	return n, translate(err)
}

// MarkNotificationsRead marks the user's notifications ids (or all of them
// when all is set) read and returns how many changed. Ids of other users'
// notifications are ignored, as if they did not exist.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, all bool) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", userID)
		if !all {
			q = q.Where("id IN ?", ids)
		}
		res := q.Update("read_at", s.now())
		n = res.RowsAffected
		return res.Error
	})
	return n, err
}

// NotifyDueFollowUps tells each open follow-up due today to its buyer's
// owner (or, for a buyer nobody owns, whoever wrote it), once: the once key
// makes a second run, on this instance or another, add nothing.
func (s *Store) NotifyDueFollowUps(ctx context.Context) error {
	today := s.Today()
	var due []struct {
		ID      int64
		BrandID int64
		BuyerID int64
		Summary string
		UserID  *int64
		Name    string
	}
	if err := s.read(ctx).Raw(`SELECT a.id, a.brand_id, a.buyer_id, a.summary, COALESCE(b.owner_id, a.by_user_id) AS user_id, b.name
		FROM activities a JOIN buyers b ON b.id = a.buyer_id
		WHERE a.done = 0 AND a.follow_up_on = ?
		  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.once_key = 'follow_up:' || a.id || ':' || ?)`,
		string(today), string(today)).Scan(&due).Error; err != nil {
		return translate(err)
	}
	if len(due) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		for _, d := range due {
			if d.UserID == nil {
				continue
			}
			if err := s.notify(tx, Notice{BrandID: d.BrandID, UserID: *d.UserID, Kind: "follow_up_due",
				Title: "今天跟进：" + d.Name, TitleEN: "Follow up today: " + d.Name, Body: d.Summary, BodyEN: d.Summary,
				Link:    fmt.Sprintf("/buyers/%d", d.BuyerID),
				OnceKey: fmt.Sprintf("follow_up:%d:%s", d.ID, today)}); err != nil {
				return err
			}
		}
		return nil
	})
}
