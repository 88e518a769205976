package models

// GoalMetrics lists every goal metric (for validation messages and the
// OpenAPI enums).
var GoalMetrics = []GoalMetric{MetricGMV, MetricOrders, MetricLivestreams, MetricNotes, MetricCollaborations, MetricCustom}

// GoalStatuses lists every goal status.
var GoalStatuses = []GoalStatus{GoalActive, GoalAchieved, GoalMissed, GoalCancelled}

// ActivityKinds lists every activity kind.
var ActivityKinds = []ActivityKind{ActivityMeeting, ActivityCall, ActivityMessage, ActivitySampleSent, ActivityTraining, ActivityNote}
