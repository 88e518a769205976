package models

import (
	"strconv"
	"strings"
)

// RatioScale is the number of Ratio units in 1.
const RatioScale = 10000

// Ratio is a dimensionless ratio such as ROI, kept exactly in ten-thousandths
// (1.5 is 15000). On the wire it is a JSON number with up to 4 decimals.
type Ratio int64

// MarshalJSON writes the shortest exact decimal form, e.g. 1.5.
func (r Ratio) MarshalJSON() ([]byte, error) { return []byte(r.String()), nil }

// String returns the ratio as a decimal.
func (r Ratio) String() string {
	v := int64(r)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/RatioScale, 10)
	if f := v % RatioScale; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(RatioScale+f, 10)[1:], "0")
	}
	return s
}
