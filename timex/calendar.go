package timex

import (
	"fmt"
	"time"
)

// Relative values used when there is no reference date.
const (
	presentRef = "PRESENT_REF"
	pastRef    = "PAST_REF"
	futureRef  = "FUTURE_REF"
)

// anchor is the reference date, when known.
type anchor struct {
	t  time.Time // midnight of the reference day, in UTC
	ok bool
}

func newAnchor(ref time.Time) anchor {
	if ref.IsZero() {
		return anchor{}
	}
	y, m, d := ref.Date()
	return anchor{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), ok: true}
}

// relRef is the unresolved value for a direction: past (<0), present or
// future (>0).
func relRef(dir int) string {
	switch {
	case dir < 0:
		return pastRef
	case dir > 0:
		return futureRef
	}
	return presentRef
}

func day(t time.Time) string { return t.Format("2006-01-02") }

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func month(y int, m time.Month) string { return fmt.Sprintf("%04d-%02d", y, int(m)) }

func year(y int) string { return fmt.Sprintf("%04d", y) }

// addMonths moves t by n calendar months, pinned to the first of the
// month so that January 31 plus one month is February.
func addMonths(t time.Time, n int) (int, time.Month) {
	f := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	return f.Year(), f.Month()
}

// weekday finds a day of the week relative to ref: dir -1 is the most
// recent on or before ref, -2 strictly before, +1 the next on or after, +2
// strictly after.
func weekday(ref time.Time, wd time.Weekday, dir int) time.Time {
	diff := int(wd) - int(ref.Weekday())
	switch dir {
	case -1, -2:
		if diff > 0 || (diff == 0 && dir == -2) {
			diff -= 7
		}
	default:
		if diff < 0 || (diff == 0 && dir == 2) {
			diff += 7
		}
	}
	return ref.AddDate(0, 0, diff)
}

// isoWeekday numbers a weekday as ISO 8601 does, Monday 1 to Sunday 7.
func isoWeekday(wd time.Weekday) int {
	if wd == time.Sunday {
		return 7
	}
	return int(wd)
}

// pastBias is how much nearer a past date must seem than a future one
// when the tense is unknown: news reports what happened more than what
// will.
const pastBias = 1.5

// nearestYear chooses the year for a month and day given without one:
// dir < 0 looks back from ref (the latest such date on or before it),
// dir > 0 forward, dir 0 takes whichever is nearer, counting past
// distances as 1/pastBias of their length.
// tenseSlack is how near the reference a day or month stays in its year
// whatever the tense of its clause.
const tenseSlack = 61 * 24 * time.Hour

func nearestYear(ref time.Time, m time.Month, d int, dir int) int {
	y := ref.Year()
	this := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if gap := this.Sub(ref); dir != 0 && gap > -tenseSlack && gap < tenseSlack {
		// Within two months of the reference the date is this year's
		// whatever the verb: tense is a weaker clue than closeness.
		return y
	}
	switch {
	case dir < 0:
		if this.After(ref) {
			return y - 1
		}
		return y
	case dir > 0:
		if this.Before(ref) {
			return y + 1
		}
		return y
	}
	best, bd := 0, time.Duration(1<<63-1)
	for _, c := range []int{y - 1, y, y + 1} {
		dist := time.Date(c, m, d, 0, 0, 0, 0, time.UTC).Sub(ref)
		if dist < 0 {
			dist = time.Duration(float64(-dist) / pastBias)
		}
		if dist < bd {
			best, bd = c, dist
		}
	}
	return best
}

// validDate reports whether y-m-d is a real calendar day.
func validDate(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == m
}
