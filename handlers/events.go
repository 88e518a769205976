package handlers

import (
	"encoding/json"

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
		case *models.Buyer: // the hot writes: encoded without reflection, as their GETs are
			v := toBuyerResponse(r)
			return json.RawMessage(appendBuyer(make([]byte, 0, 1024), &v))
		case *models.Collaboration:
			v := toCollaborationResponse(r)
			return json.RawMessage(appendCollaboration(make([]byte, 0, 1024), &v))
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
