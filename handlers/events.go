package handlers

import (
	"huoban/models"
	"huoban/store"
)

// EventRenderer returns how the store turns a record into a webhook
// event's data: the same converter the API answers with, so an event's data
// is the record as a GET of it would show it. Anything else (the data of an
// import, a ping) is passed through as it is.
func (h *Handlers) EventRenderer() store.EventRenderer {
	return func(record any) any {
		switch r := record.(type) {
		case *models.Buyer:
			return toBuyerResponse(r)
		case *models.Collaboration:
			return toCollaborationResponse(r)
		case *models.Goal:
			return goalView(h.Store.Today())(r)
		case *models.GoalComment:
			return toCommentResponse(r)
		case *models.Milestone:
			return milestoneList([]models.Milestone{*r})[0]
		default:
			return record
		}
	}
}
