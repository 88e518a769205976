package api

// xlsxType is the content type of .xlsx downloads.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// routeDocs are longer descriptions of routes for the OpenAPI document, by
// "METHOD path" as in the route table.
var routeDocs = map[string]string{
	"POST /collaborations/import": importDoc,
	"DELETE /collaborations/:id":  deleteCollaborationDoc,
	"PATCH /collaborations/:id":   milestonesDoc,
	"POST /collaborations":        milestonesDoc,
	"GET /buyers/:id/health":      healthDoc,
	"GET /buyers/:id/milestones":  milestonesListDoc,
}

// importDoc documents POST /collaborations/import in the OpenAPI document.
const importDoc = "Import collaborations from a CSV or .xlsx file, all rows or none. " +
	"The body is the file itself: text/csv (UTF-8, or GBK as Chinese Excel saves it, detected), or .xlsx " +
	"(" + xlsxType + "; the first worksheet); application/octet-stream is read as whichever it is. " +
	"Headers: the API names (buyer_xhs_id or buyer_id, type, title, start_on, …, metrics flat, amounts in cents " +
	"as *_cents), or the template's Chinese headers (合作类型, 开始日期, 成交额(元) …, see import-template.xlsx) " +
	"and their aliases. Columns named in 元 (and slot_fee_yuan, sample_cost_yuan, gmv_yuan, refund_yuan) take " +
	"yuan with up to 2 decimals (1,234.56, ¥80), converted exactly to cents. Type and status cells may be the " +
	"Chinese words (直播带货, 已完成 …); dates may be 2026-05-01, 2026/5/1, 2026年5月1日 or an .xlsx date. " +
	"?mapping= is a JSON object from a header as the file has it to the import column it fills " +
	"({\"达人\":\"buyer_xhs_id\",\"成交\":\"gmv_yuan\"}; \"\" ignores the column); a header neither known nor " +
	"mapped is a row-1 problem with code unknown_column and params.header, so a client can ask for a mapping " +
	"and send the file again. ?dry_run=true checks only. Any bad row: 422 with error.rows " +
	"[{row, field, message, code, params, column}] (row 1 is the header; field is the import column, column " +
	"the header as the file has it); codes as in error.details. Milestones move to the earliest qualifying " +
	"collaboration in the import's transaction."

// deleteCollaborationDoc documents DELETE /collaborations/{id}.
const deleteCollaborationDoc = "Delete a collaboration. Goals are recomputed, and milestones stay true: a " +
	"milestone this collaboration earned moves to the next collaboration that qualifies (in start_on order); when " +
	"none qualifies, it stays reached on its date with collaboration_id null, note_code source_gone and an English " +
	"note. The same holds when a PATCH makes it stop counting (e.g. status cancelled), and a back-filled, " +
	"imported or re-dated earlier collaboration takes the milestone to its earlier date."

// milestonesDoc documents how collaboration writes keep milestones true.
const milestonesDoc = "Milestones and goal progress are updated in the same transaction: an automatic milestone " +
	"sits on the collaboration that first reached it in start_on order, so an earlier collaboration written " +
	"later takes it to its earlier date."

// healthDoc documents the health answer's labels and notes.
const healthDoc = "label: thriving (score ≥ 75), steady (≥ 50), at_risk (≥ 25), dormant, or new (新买手: no " +
	"completed collaboration yet, whatever the score). Each factor has an English note and note_code with " +
	"note_params for clients that say it in their own language: recency no_completed_yet | days_since_last " +
	"{days}; frequency completed_in_90d {count}; gmv_trend no_results_yet | one_result | no_recent_gmv | " +
	"recent_vs_window {recent, pct, window}; goal_attainment no_goals_yet | goal_counts {achieved, missed, " +
	"active}; capability_growth few_snapshots | capacity_grew | capacity_steady | capacity_shrank."

// milestonesListDoc documents milestone titles and notes.
const milestonesListDoc = "An automatic milestone's title is the Chinese title of its code (first_collaboration, " +
	"first_livestream, gmv_10k_session, gmv_100k_session, gmv_1m_total, five_collaborations, stage_partner, " +
	"stage_core, goal_achieved); clients render it by code and title_params in their language. A manual one " +
	"(code manual) keeps its title. note_code source_gone: the collaboration that earned it was deleted or " +
	"stopped counting and none other qualifies, so it stays reached on its date without a collaboration."
