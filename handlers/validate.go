package handlers

import (
	"net/mail"
	"net/url"
	"strconv"
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
		ve.Add(field, "must be valid UTF-8 text")
	case n < min && min == 1:
		ve.Add(field, "is required")
	case n < min:
		ve.Add(field, "is too short")
	case n > max:
		ve.Add(field, "must be at most "+strconv.Itoa(max)+" characters")
	}
}

// checkEmail normalises and validates an email address.
func checkEmail(ve *models.ValidationError, field string, s *string, required bool) {
	*s = strings.ToLower(strings.TrimSpace(*s))
	if *s == "" {
		if required {
			ve.Add(field, "is required")
		}
		return
	}
	a, err := mail.ParseAddress(*s)
	if err != nil || a.Address != *s || len(*s) > 254 || !strings.Contains(*s, "@") {
		ve.Add(field, "must be an email address")
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
		ve.Add(field, "must be an http(s) URL")
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
			ve.Add(field, "items must be at most 50 characters")
		}
		seen[s] = true
		out = append(out, s)
	}
	if len(out) > max {
		ve.Add(field, "must have at most "+strconv.Itoa(max)+" items")
	}
	return out
}
