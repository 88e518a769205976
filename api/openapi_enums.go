package api

import (
	"reflect"

	"huoban/models"
)

// enumValues is the enum registry of the OpenAPI document: every field of
// one of these Go types is documented with the type's values, in request
// and response schemas alike.
var enumValues = map[reflect.Type][]string{
	reflect.TypeOf(models.CollabType("")):   strs(models.CollabTypes),
	reflect.TypeOf(models.CollabStatus("")): strs(models.CollabStatuses),
	reflect.TypeOf(models.Stage("")):        strs(models.Stages),
	reflect.TypeOf(models.BuyerStatus("")):  {string(models.BuyerActive), string(models.BuyerArchived)},
	reflect.TypeOf(models.GoalMetric("")):   strs(models.GoalMetrics),
	reflect.TypeOf(models.GoalStatus("")):   strs(models.GoalStatuses),
	reflect.TypeOf(models.ActivityKind("")): strs(models.ActivityKinds),
	reflect.TypeOf(models.Role("")): {string(models.RoleOwner), string(models.RoleManager), string(models.RoleAnalyst),
		string(models.RoleBuyer)},
}

func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// problemCodes are the codes of field and row problems (models/problem.go).
var problemCodes = []string{models.CodeRequired, models.CodeRequiredOneOf, models.CodeBetween, models.CodeMin,
	models.CodePositive, models.CodeMaxLength, models.CodeMinLength, models.CodeMaxItems, models.CodeItemMaxLength,
	models.CodeOneOf, models.CodeNotFuture, models.CodeDateOrder, models.CodeUnknownField, models.CodeInvalidDate,
	models.CodeInvalidNumber, models.CodeInvalidAmount, models.CodeInvalidDecimal, models.CodeInvalidType,
	models.CodeInvalidText, models.CodeInvalidEmail, models.CodeInvalidURL, models.CodeInvalidList,
	models.CodeNULCharacter, models.CodeRefundOverGMV, models.CodeUnique, models.CodeUnknownRef, models.CodeReadOnly,
	models.CodeComputed, models.CodeFieldCount, models.CodeUnknownColumn, models.CodeDuplicateColumn,
	models.CodeEmptyFile, models.CodeInvalidFile}

// problemSchema is the schema of one problem's code and params.
func problemSchema() map[string]any {
	return map[string]any{"type": "object", "required": []string{"code", "params"}, "properties": map[string]any{
		"code":   map[string]any{"type": "string"},
		"params": map[string]any{"type": "object", "description": "the values the code is said with, e.g. min and max of between"}}}
}
