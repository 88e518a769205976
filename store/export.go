package store

import (
	"context"

	"huoban/models"
)

// exportBatch is the page size used when streaming a whole list.
const exportBatch = 1000

// EachBuyer calls fn for every buyer the query selects, in its sort order,
// reading in keyset batches so memory stays flat however many there are.
func (s *Store) EachBuyer(ctx context.Context, brandID int64, f BuyerQuery, fn func(*models.Buyer) error) error {
	f.Limit, f.WithTotal = exportBatch, false
	return eachPage(func(cursor string) (*Page[models.Buyer], error) {
		f.Cursor = cursor
		return s.ListBuyers(ctx, brandID, f)
	}, fn)
}

// eachPage calls fn for every item of every page fetch returns, from the
// first page to the last.
func eachPage[M any](fetch func(cursor string) (*Page[M], error), fn func(*M) error) error {
	cursor := ""
	for {
		page, err := fetch(cursor)
		if err != nil {
			return err
		}
		for i := range page.Items {
			if err := fn(&page.Items[i]); err != nil {
				return err
			}
		}
		if page.NextCursor == nil {
			return nil
		}
		cursor = *page.NextCursor
	}
}
