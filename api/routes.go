package api

import (
	"github.com/gin-gonic/gin"

	"huoban/handlers"
	"huoban/partnership"
)

// route is one line of the route table: who may call what, and what it takes and gives.
type route struct {
	method  string
	path    string // relative to /api/v1, gin syntax
	access  access
	handler handlers.HandlerFunc
	summary string
	in      any      // request body type, nil for none
	out     any      // 2xx body type, nil for 204
	status  int      // success status; 0 means 200
	query   []string // query parameters
	opts    routeOpt // what else the route is: cached, … (0 for nothing special)
}

// routeOpt are a route's flags, the last column of the route table.
type routeOpt uint8

const (
	// cached routes answer through the response cache (respcache.go) when it is on.
	cached routeOpt = 1 << iota
	// people routes need a signed-in person: an API token, whatever its
	// scope, gets 403. Set it on every route that manages people or
	// credentials: the team and its invites, API tokens, webhooks, calendar
	// feed keys, buyer invites and portal access, PATCH /me and the audit log.
	// Tokens are for integrations; one must never be able to mint a person,
	// raise a role, make another token or read who did what.
	people
)

// has tells whether o includes every flag of f.
func (o routeOpt) has(f routeOpt) bool { return o&f == f }

// listQuery are the paging parameters every list takes.
var listQuery = []string{"limit", "cursor", "total", "sort"}

// routeTable is the table of contents of the API.
func (s *Server) routeTable(h *handlers.Handlers) []route {
	const (
		get, post, patch, del = "GET", "POST", "PATCH", "DELETE"
	)
	var (
		session   handlers.SessionResponse
		user      handlers.UserResponse
		buyerOut  handlers.BuyerResponse
		buyerList handlers.List[handlers.BuyerResponse]
		collab    handlers.CollaborationResponse
		collabs   handlers.List[handlers.CollaborationResponse]
	)
	collabFilters := []string{"buyer_id", "type", "status", "from", "to"}
	return []route{
		// Auth: public, rate limited.
		{post, "/auth/register", public, h.Register, "Register a brand and its owner", handlers.RegisterRequest{}, session, 201, nil, 0},
		{post, "/auth/login", public, h.Login, "Sign in", handlers.LoginRequest{}, session, 200, nil, 0},
		{post, "/auth/refresh", public, h.Refresh, "Exchange a refresh token for a new pair", handlers.RefreshRequest{}, session, 200, nil, 0},
		{post, "/auth/logout", public, h.Logout, "Sign out: revoke a refresh token's family and end the user's access tokens on every instance", handlers.RefreshRequest{}, nil, 204, nil, 0},
		{post, "/auth/accept-invite", public, h.AcceptInvite, "Accept a staff or buyer invite", handlers.AcceptInviteRequest{}, session, 201, nil, 0},

		// The signed-in user.
		{get, "/me", anyUser, h.Me, "The signed-in user", nil, user, 200, nil, 0},
		{patch, "/me", anyUser, h.PatchMe, "Change name, locale or password (a password change ends every session of the user)", handlers.PatchMeRequest{}, user, 200, nil, people},

		// Team (owner).
		{get, "/team", owner, h.ListTeam, "List the brand's staff", nil, []handlers.UserResponse{}, 200, nil, people},
		{post, "/team/invites", owner, h.CreateTeamInvite, "Invite a manager or analyst", handlers.TeamInviteRequest{}, handlers.InviteResponse{}, 201, nil, people},
		{patch, "/team/:user_id", owner, h.ChangeRole, "Change a member's role", handlers.ChangeRoleRequest{}, user, 200, nil, people},
		{del, "/team/:user_id", owner, h.RemoveMember, "Remove a member", nil, nil, 204, nil, people},

		// Buyers.
		{get, "/buyers", analyst, h.ListBuyers, "List buyers", nil, buyerList, 200,
			append([]string{"q", "stage", "status", "circle", "category", "owner_id"}, listQuery...), cached},
		{post, "/buyers", manager, h.CreateBuyer, "Add a buyer", handlers.BuyerRequest{}, buyerOut, 201, nil, 0},
		{get, "/buyers/export.csv", analyst, h.ExportBuyers, "The filtered buyers list as CSV (UTF-8 with BOM)", nil, "text/csv", 200,
			[]string{"q", "stage", "status", "circle", "category", "owner_id", "sort"}, 0},
		{get, "/buyers/export.xlsx", analyst, h.ExportBuyersXLSX, "The filtered buyers list as .xlsx (the CSV's columns; numbers as numbers)", nil, xlsxType, 200,
			[]string{"q", "stage", "status", "circle", "category", "owner_id", "sort"}, 0},
		{get, "/buyers/:id", analyst, h.GetBuyer, "Get a buyer", nil, buyerOut, 200, nil, cached},
		{patch, "/buyers/:id", manager, h.PatchBuyer, "Change the fields sent", handlers.BuyerRequest{}, buyerOut, 200, nil, 0},
		{del, "/buyers/:id", owner, h.DeleteBuyer, "Archive a buyer, or purge one without collaborations", nil, nil, 204, []string{"purge"}, 0},
		{post, "/buyers/:id/stage", manager, h.ChangeStage, "Move a buyer to another stage", handlers.StageRequest{}, buyerOut, 200, nil, 0},
		{get, "/buyers/:id/stage-history", analyst, h.StageHistory, "A buyer's stage changes, newest first", nil, []handlers.StageChangeResponse{}, 200, nil, 0},

		// Capability snapshots and the activity timeline.
		{get, "/buyers/:id/capabilities", analyst, h.ListCapabilities, "A buyer's capability snapshots, newest first", nil,
			handlers.List[handlers.CapabilityResponse]{}, 200, []string{"limit", "cursor"}, 0},
		{post, "/buyers/:id/capabilities", manager, h.CreateCapability, "Record a capability snapshot", handlers.CapabilityRequest{},
			handlers.CapabilityResponse{}, 201, nil, 0},
		{get, "/buyers/:id/activities", analyst, h.ListActivities, "A buyer's timeline, newest first", nil,
			handlers.List[handlers.ActivityResponse]{}, 200, []string{"limit", "cursor"}, 0},
		{post, "/buyers/:id/activities", manager, h.CreateActivity, "Add a timeline entry", handlers.ActivityRequest{},
			handlers.ActivityResponse{}, 201, nil, 0},
		{patch, "/activities/:id", manager, h.PatchActivity, "Mark done, reschedule or reword an activity", handlers.PatchActivityRequest{},
			handlers.ActivityResponse{}, 200, nil, 0},
		{get, "/follow-ups", analyst, h.ListFollowUps, "Open follow-ups due on or before a day, oldest first", nil,
			handlers.List[handlers.ActivityResponse]{}, 200, []string{"due_before", "limit", "cursor"}, 0},

		// Collaborations.
		{get, "/collaborations", analyst, h.ListCollaborations, "List collaborations", nil, collabs, 200,
			append(append([]string{}, collabFilters...), listQuery...), cached},
		{post, "/collaborations", manager, h.CreateCollaboration, "Record a collaboration", handlers.CollaborationRequest{}, collab, 201, nil, 0},
		{post, "/collaborations/import", manager, h.ImportCollaborations, "Import collaborations from CSV or .xlsx, all rows or none; an items column names catalogue products as SKU*units*gmv_yuan, several separated by | or ;", "text/csv, " + xlsxType,
			handlers.ImportResult{}, 200, []string{"dry_run", "mapping"}, 0},
		{get, "/collaborations/import-template.xlsx", analyst, h.ImportTemplateXLSX, "The import template: Chinese headers, amounts in 元, and a sheet 说明", nil, xlsxType, 200, nil, 0},
		{get, "/collaborations/import-template.csv", analyst, h.ImportTemplateCSV, "The import template as CSV: Chinese headers, amounts in 元 (UTF-8 with BOM)", nil, "text/csv", 200, nil, 0},
		{get, "/collaborations/export.xlsx", analyst, h.ExportCollaborationsXLSX, "The filtered collaborations as .xlsx (the CSV's columns; numbers as numbers)", nil, xlsxType, 200,
			append(append([]string{}, collabFilters...), "sort"), 0},
		{get, "/collaborations/export.csv", analyst, h.ExportCollaborations, "The filtered collaborations as CSV (UTF-8 with BOM)", nil, "text/csv", 200,
			append(append([]string{}, collabFilters...), "sort"), 0},
		{get, "/collaborations/:id", analyst, h.GetCollaboration, "Get a collaboration with its KPIs", nil, collab, 200, nil, cached},
		{patch, "/collaborations/:id", manager, h.PatchCollaboration, "Change the fields sent", handlers.CollaborationRequest{}, collab, 200, nil, 0},
		{del, "/collaborations/:id", manager, h.DeleteCollaboration, "Delete a collaboration", nil, nil, 204, nil, 0},

		{post, "/buyers/:id/invite", manager, h.InviteBuyer, "Make a buyer-portal invite for this buyer", nil, handlers.BuyerInviteResponse{}, 201, nil, people},
		{get, "/buyers/:id/milestones", analyst, h.ListMilestones, "A buyer's growth milestones, newest first", nil, []handlers.MilestoneResponse{}, 200, nil, 0},
		{post, "/buyers/:id/milestones", manager, h.AddMilestone, "Record a manual milestone", handlers.MilestoneRequest{}, handlers.MilestoneResponse{}, 201, nil, 0},
		{get, "/buyers/:id/health", analyst, h.BuyerHealth, "Partnership health with factors and GMV trend", nil, partnership.Health{}, 200, nil, 0},
		{get, "/buyers/match", analyst, h.MatchBuyers, "Buyers ranked for a product", nil, []handlers.MatchResponse{}, 200,
			[]string{"category", "circle", "type", "product_id", "limit"}, 0},

		// Overview.
		{get, "/dashboard", analyst, h.Dashboard, "Brand overview for the last ?days= (default 30); figures count completed collaborations by start_on", nil, handlers.DashboardResponse{}, 200, []string{"days"}, cached},

		// Shared goals.
		{get, "/goals", analyst, h.ListGoals, "List goals, newest first", nil, handlers.List[handlers.GoalResponse]{}, 200,
			[]string{"buyer_id", "status", "limit", "cursor", "total"}, 0},
		{post, "/goals", manager, h.CreateGoal, "Set a shared goal", handlers.GoalRequest{}, handlers.GoalResponse{}, 201, nil, 0},
		{get, "/goals/:id", analyst, h.GetGoal, "Get a goal", nil, handlers.GoalResponse{}, 200, nil, 0},
		{patch, "/goals/:id", manager, h.PatchGoal, "Change a goal (custom progress, cancel, reopen)", handlers.GoalRequest{}, handlers.GoalResponse{}, 200, nil, 0},
		{del, "/goals/:id", manager, h.DeleteGoal, "Delete a goal", nil, nil, 204, nil, 0},
		{get, "/goals/:id/comments", analyst, h.ListGoalComments, "A goal's comments, oldest first", nil, []handlers.CommentResponse{}, 200, nil, 0},
		{post, "/goals/:id/comments", manager, h.AddGoalComment, "Comment on a goal", handlers.CommentRequest{}, handlers.CommentResponse{}, 201, nil, 0},

		// Buyer portal (role buyer): only the partnerships the buyer was invited to.
		{get, "/portal/partnerships", buyer, h.ListPartnerships, "The buyer's partnerships", nil, []handlers.PartnershipResponse{}, 200, nil, 0},
		{post, "/portal/partnerships", buyer, h.LinkPartnership, "Link another brand's invite", handlers.LinkRequest{}, []handlers.PartnershipResponse{}, 200, nil, 0},
		{get, "/portal/partnerships/:buyer_id", buyer, h.GetPartnership, "One partnership: goals, milestones, results, capabilities", nil, handlers.PartnershipDetail{}, 200, nil, 0},
		{post, "/portal/goals/:id/acknowledge", buyer, h.AcknowledgeGoal, "Acknowledge a shared goal", nil, handlers.GoalResponse{}, 200, nil, 0},
		{get, "/portal/goals/:id/comments", buyer, h.PortalGoalComments, "A shared goal's comments", nil, []handlers.CommentResponse{}, 200, nil, 0},
		{post, "/portal/goals/:id/comments", buyer, h.PortalAddGoalComment, "Comment on a shared goal", handlers.CommentRequest{}, handlers.CommentResponse{}, 201, nil, 0},

		// Products, the selection pool, reviews (复盘) and the calendar (排期): issue 15.
		{get, "/products", analyst, h.ListProducts, "The product catalogue, newest first", nil, handlers.List[handlers.ProductResponse]{}, 200,
			[]string{"q", "category", "circle", "status", "in_pool", "limit", "cursor", "total", "sort"}, 0},
		{post, "/products", manager, h.CreateProduct, "Add a product (sku unique in the brand: 409)", handlers.ProductRequest{}, handlers.ProductResponse{}, 201, nil, 0},
		{get, "/products/:id", analyst, h.GetProduct, "Get a product", nil, handlers.ProductResponse{}, 200, nil, 0},
		{patch, "/products/:id", manager, h.PatchProduct, "Change a product; retire it with status: retired", handlers.ProductRequest{}, handlers.ProductResponse{}, 200, nil, 0},
		{del, "/products/:id", manager, h.DeleteProduct, "Delete a product never sold nor selected (else 409: retire it)", nil, nil, 204, nil, 0},
		{get, "/products/:id/performance", analyst, h.ProductPerformance, "Buyers who sold the product in completed collaborations, best GMV first",
			nil, []handlers.PerformanceResponse{}, 200, []string{"limit"}, 0},
		{get, "/buyers/:id/selections", analyst, h.ListSelections, "A buyer's selection log, newest first, with how each product sold since", nil,
			handlers.List[handlers.SelectionResponse]{}, 200, []string{"limit", "cursor"}, 0},
		{post, "/buyers/:id/selections", manager, h.CreateSelection, "Record a selection decision: picked, declined or trial", handlers.SelectionRequest{},
			handlers.SelectionResponse{}, 201, nil, 0},
		{get, "/buyers/:id/reviews", analyst, h.ListBuyerReviews, "A buyer's reviews, newest first, with each collaboration's KPIs", nil,
			[]handlers.BuyerReviewResponse{}, 200, nil, 0},
		{post, "/collaborations/:id/review", manager, h.CreateReview, "Review (复盘) a collaboration; one per collaboration (409)", handlers.ReviewRequest{},
			handlers.ReviewResponse{}, 201, nil, 0},
		{get, "/collaborations/:id/review", analyst, h.GetCollaborationReview, "A collaboration's review (404 when none)", nil, handlers.ReviewResponse{}, 200, nil, 0},
		{get, "/reviews/:id", analyst, h.GetReview, "Get a review", nil, handlers.ReviewResponse{}, 200, nil, 0},
		{patch, "/reviews/:id", manager, h.PatchReview, "Change a review; next_actions, when sent, is the whole list (keep ids to change)", handlers.ReviewRequest{},
			handlers.ReviewResponse{}, 200, nil, 0},
		{get, "/calendar", analyst, h.Calendar, "Collaborations starting in a window of at most 92 days (default: the next 30), by time", nil,
			[]handlers.CalendarItemResponse{}, 200, []string{"from", "to", "buyer_id", "owner_id"}, 0},
		{post, "/me/calendar-key", analyst, h.CreateCalendarKey, "Make a new calendar feed key (shown once; revokes the previous one)", nil,
			handlers.CalendarKeyResponse{}, 201, nil, people},
		{get, "/calendar.ics", public, h.CalendarFeed, "The brand's schedule as an iCalendar (RFC 5545) feed for the key's user; a wrong or revoked key is 404",
			nil, "text/calendar", 200, []string{"key"}, 0},
		{post, "/portal/selections", buyer, h.PortalSelect, "Mark a pool product interested or declined, with a reason", handlers.PortalSelectionRequest{},
			handlers.SelectionResponse{}, 201, nil, 0},

		// Partnership plans, the promises ledger, handover and partner tiers (issue 14).
		{get, "/plans", analyst, h.ListPlans, "List plans, newest first", nil, handlers.List[handlers.PlanResponse]{}, 200,
			[]string{"buyer_id", "status", "limit", "cursor", "total"}, 0},
		{post, "/plans", manager, h.CreatePlan, "Draft a plan: both sides' commitments and linked goals", handlers.PlanRequest{}, handlers.PlanResponse{}, 201, nil, 0},
		{get, "/plans/:id", analyst, h.GetPlan, "Get a plan with its commitments", nil, handlers.PlanResponse{}, 200, nil, 0},
		{patch, "/plans/:id", manager, h.PatchPlan, "Change a plan; commitments, when sent, are the whole set (a change to an agreed plan's commitments or period sends it back to proposed)", handlers.PlanRequest{}, handlers.PlanResponse{}, 200, nil, 0},
		{post, "/plans/:id/propose", manager, h.ProposePlan, "Show a draft plan to the buyer", nil, handlers.PlanResponse{}, 200, nil, 0},
		{post, "/plans/:id/agree", manager, h.AgreePlan, "Record the brand's agreement (both agreements make it agreed)", nil, handlers.PlanResponse{}, 200, nil, 0},
		{post, "/plans/:id/close", manager, h.ClosePlan, "Close an agreed plan", nil, handlers.PlanResponse{}, 200, nil, 0},
		{post, "/plans/:id/withdraw", manager, h.WithdrawPlan, "Withdraw a plan that is not closed", nil, handlers.PlanResponse{}, 200, nil, 0},
		{post, "/plans/:id/commitments", manager, h.AddCommitment, "Add a commitment to a plan", handlers.CommitmentBody{}, handlers.CommitmentResponse{}, 201, nil, 0},
		{get, "/plans/:id/comments", analyst, h.ListPlanComments, "A plan's comments, oldest first", nil, []handlers.PlanCommentResponse{}, 200, nil, 0},
		{post, "/plans/:id/comments", manager, h.AddPlanComment, "Comment on a plan", handlers.CommentRequest{}, handlers.PlanCommentResponse{}, 201, nil, 0},
		{patch, "/commitments/:id", manager, h.SettleCommitment, "Settle a promise (kept, missed, waived; settled_on defaults to today, never in the future) or set it back to open; the plan must be proposed, agreed or closed (409 otherwise)", handlers.SettleRequest{}, handlers.CommitmentResponse{}, 200, nil, 0},
		{get, "/buyers/:id/promises", analyst, h.BuyerPromises, "The promises ledger across the plans once proposed and not withdrawn: both sides' counts (open includes overdue; overdue is an open promise past due_on, derived, never stored as missed) and the items, open ones first", nil, handlers.LedgerResponse{}, 200, nil, 0},
		{post, "/buyers/:id/handover", manager, h.Handover, "Hand the buyer to another manager with a snapshot of the partnership", handlers.HandoverRequest{}, handlers.ActivityResponse{}, 201, nil, 0},
		{get, "/buyers/:id/handover/candidates", manager, h.HandoverCandidates, "The managers and owners the buyer can be handed to", nil, []handlers.HandoverCandidate{}, 200, nil, 0},
		{get, "/buyers/:id/handover", analyst, h.PendingHandover, "The newest handover not yet dismissed (dismiss: PATCH /activities/{id} {done: true})", nil, handlers.PendingHandoverResponse{}, 200, nil, 0},
		{get, "/tiers", analyst, h.ListTiers, "The brand's partner tiers, entry tier first. A buyer holds the highest tier whose every criterion it meets (kept on the buyer row on write and daily); promises_kept_pct is the buyer's own kept share over 12 months, and a criterion above 0 is unmet while none was settled", nil, []handlers.TierResponse{}, 200, nil, 0},
		{post, "/tiers", owner, h.CreateTier, "Define a partner tier", handlers.TierRequest{}, handlers.TierResponse{}, 201, nil, 0},
		{patch, "/tiers/:id", owner, h.PatchTier, "Change a partner tier", handlers.TierRequest{}, handlers.TierResponse{}, 200, nil, 0},
		{del, "/tiers/:id", owner, h.DeleteTier, "Delete a partner tier; pinned buyers are unpinned", nil, nil, 204, nil, 0},
		{post, "/portal/plans/:id/agree", buyer, h.PortalAgreePlan, "The buyer agrees to a proposed plan", nil, handlers.PlanResponse{}, 200, nil, 0},
		{get, "/portal/plans/:id/comments", buyer, h.PortalPlanComments, "A plan's comments", nil, []handlers.PlanCommentResponse{}, 200, nil, 0},
		{post, "/portal/plans/:id/comments", buyer, h.PortalAddPlanComment, "Comment on a plan", handlers.CommentRequest{}, handlers.PlanCommentResponse{}, 201, nil, 0},
		{patch, "/portal/commitments/:id", buyer, h.PortalReportKept, "The buyer reports its own promise kept (status kept only); a brand-side promise → 403, one the brand settled missed or waived → 409; the brand can set it back", handlers.PortalKeptRequest{}, handlers.CommitmentResponse{}, 200, nil, 0},

		// API tokens and audit (owner).
		{get, "/tokens", owner, h.ListTokens, "List API tokens", nil, []handlers.TokenResponse{}, 200, nil, people},
		{post, "/tokens", owner, h.CreateToken, "Make an API token (shown once)", handlers.CreateTokenRequest{}, handlers.TokenResponse{}, 201, nil, people},
		{del, "/tokens/:id", owner, h.DeleteToken, "Revoke an API token", nil, nil, 204, nil, people},
		{get, "/audit", owner, h.ListAudit, "The audit log, newest first", nil, []handlers.AuditResponse{}, 200,
			[]string{"entity", "entity_id", "before_id", "limit"}, people},

		// Revoking access (issue 17): who can reach the portal and which invites are open.
		// Managers make buyer invites, so they revoke them and end portal access too;
		// staff invites are the owner's (DELETE /invites/:id checks the invite's role).
		{get, "/team/invites", owner, h.TeamInvites, "Open team invites, newest first (at most 200)", nil, []handlers.OpenInviteResponse{}, 200, nil, people},
		{get, "/buyers/:id/invites", manager, h.BuyerInvites, "A buyer's open portal invites, newest first (at most 200)", nil,
			[]handlers.OpenInviteResponse{}, 200, nil, people},
		{del, "/invites/:id", manager, h.RevokeInvite, "Revoke an open invite (a team invite needs an owner)", nil, nil, 204, nil, people},
		{get, "/buyers/:id/portal-access", manager, h.BuyerPortalAccess, "The buyer users linked to this buyer; suspended while the buyer is archived",
			nil, []handlers.PortalAccessResponse{}, 200, nil, people},
		{del, "/buyers/:id/portal-access", manager, h.EndPortalAccess,
			"End the buyer user's portal link to this buyer at once (their tokens stop reaching this brand; other brands' links stay)",
			nil, nil, 204, nil, people},

		// Notifications: the signed-in user's own, staff and buyers alike.
		{get, "/notifications", anyUser, h.ListNotifications, "The signed-in user's notifications, newest first", nil,
			handlers.List[handlers.NotificationResponse]{}, 200, []string{"unread", "limit", "cursor"}, people},
		{get, "/notifications/unread-count", anyUser, h.UnreadNotificationCount, "How many notifications are unread", nil,
			handlers.CountResponse{}, 200, nil, people},
		{post, "/notifications/read", anyUser, h.ReadNotifications, "Mark notifications read: {ids} or {all: true}",
			handlers.ReadNotificationsRequest{}, handlers.ReadResponse{}, 200, nil, people},

		// Webhooks (owner): endpoints, their secrets, test pings and delivery logs.
		{get, "/webhooks", owner, h.ListWebhooks, "List webhook endpoints, newest first", nil,
			handlers.List[handlers.WebhookResponse]{}, 200, []string{"limit", "cursor"}, people},
		{post, "/webhooks", owner, h.CreateWebhook, "Add a webhook endpoint; the answer shows its signing secret this once",
			handlers.WebhookRequest{}, handlers.WebhookResponse{}, 201, nil, people},
		{patch, "/webhooks/:id", owner, h.PatchWebhook, "Change an endpoint's URL, events, format, description or active flag",
			handlers.WebhookRequest{}, handlers.WebhookResponse{}, 200, nil, people},
		{del, "/webhooks/:id", owner, h.DeleteWebhook, "Remove an endpoint and its delivery log", nil, nil, 204, nil, people},
		{post, "/webhooks/:id/rotate-secret", owner, h.RotateWebhookSecret,
			"A new signing secret (shown once); the old one keeps signing beside it for 24 hours", nil, handlers.SecretResponse{}, 200, nil, people},
		{post, "/webhooks/:id/test", owner, h.TestWebhook, "Queue a ping event for the endpoint", nil, handlers.QueuedResponse{}, 202, nil, people},
		{get, "/webhooks/:id/deliveries", owner, h.ListDeliveries, "The endpoint's deliveries, newest first", nil,
			handlers.List[handlers.DeliveryResponse]{}, 200, []string{"limit", "cursor"}, people},
		{post, "/webhooks/:id/deliveries/:delivery_id/retry", owner, h.RetryDelivery, "Queue a dead or failed delivery again",
			nil, handlers.DeliveryResponse{}, 200, nil, people},
	}
}

// Routes returns "METHOD /api/v1/path" for every API route, in gin syntax, for tests.
func (s *Server) Routes() []gin.RouteInfo { return s.engine.Routes() }

// RouteSpec is one line of the route table as seen from outside: tests
// generate their authorization and fuzz cases from it, so a new route cannot
// be left out of them.
type RouteSpec struct {
	// Method is the HTTP method.
	Method string
	// Path is the full path in gin syntax, e.g. /api/v1/buyers/:id.
	Path string
	// Access is who may call it: public, anyUser, analyst, manager, owner or buyer.
	Access string
	// Body tells whether the route takes a JSON request body.
	Body bool
	// Cached tells whether the route's answers go through the response cache.
	Cached bool
	// People tells whether the route needs a signed-in person: API tokens get 403.
	People bool
}

// RouteSpecs returns every line of the API route table, in table order.
func (s *Server) RouteSpecs() []RouteSpec {
	names := map[access]string{public: "public", anyUser: "anyUser", analyst: "analyst",
		manager: "manager", owner: "owner", buyer: "buyer"}
	out := make([]RouteSpec, 0, len(s.routes))
	for _, r := range s.routes {
		out = append(out, RouteSpec{Method: r.method, Path: "/api/v1" + r.path, Access: names[r.access], Body: r.in != nil,
			Cached: s.cachesRoute(r), People: r.opts.has(people)})
	}
	return out
}
