package handlers

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

	"huoban/models"
)

// checkText trims s and checks its length in characters; min 0 means optional.
func checkText(ve *models.ValidationError, field string, s *string, min, max int) {
	*s = strings.TrimSpace(*s)
	n := utf8.RuneCountInString(*s)
	switch {
	case !utf8.ValidString(*s):
		ve.Add(field, models.InvalidText())
	case n < min && min == 1:
		ve.Add(field, models.Required())
	case n < min:
		ve.Add(field, models.MinLength(min))
	case n > max:
		ve.Add(field, models.MaxLength(max))
	}
}

// checkEmail normalises and validates an email address.
func checkEmail(ve *models.ValidationError, field string, s *string, required bool) {
	*s = strings.ToLower(strings.TrimSpace(*s))
	if *s == "" {
		if required {
			ve.Add(field, models.Required())
		}
		return
	}
	a, err := mail.ParseAddress(*s)
	if err != nil || a.Address != *s || len(*s) > 254 || !strings.Contains(*s, "@") {
		ve.Add(field, models.InvalidEmail())
	}
}

// checkURL accepts an empty string or an absolute http(s) URL.
func checkURL(ve *models.ValidationError, field string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		return
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(*s) > 2048 {
		ve.Add(field, models.InvalidURL())
	}
}

// cleanList trims, drops empties and de-duplicates; more than max items or an
// item longer than 50 characters is a problem for field.
func cleanList(ve *models.ValidationError, field string, in []string, max int) models.StringList {
	out := models.StringList{}
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		if utf8.RuneCountInString(s) > 50 {
			ve.Add(field, models.ItemMaxLength(50))
		}
		seen[s] = true
		out = append(out, s)
	}
	if len(out) > max {
		ve.Add(field, models.MaxItems(max))
	}
	return out
}
