package events

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"newsgraph/document"
)

// ploverEvent is one event in the PLOVER data format (PLOVER manual,
// "Data format"): actor and recipient blocks with country and sector
// codes, the event type and mode, and the text it was read from. Fields
// past PLOVER's are newsgraph's own, so that a row points at its words.
type ploverEvent struct {
	ID              string        `json:"id"`
	Date            string        `json:"date"`
	EventType       string        `json:"event_type"`
	Mode            string        `json:"mode"`
	Context         []string      `json:"context"`
	Actor           []ploverActor `json:"actor"`
	Recipient       []ploverActor `json:"recipient"`
	Location        *ploverPlace  `json:"location"`
	Time            string        `json:"time,omitempty"` // TIMEX3 value of the event's time
	CAMEO           string        `json:"cameo"`
	QuadClass       int           `json:"quad_class"`
	Negated         bool          `json:"negated"`
	Hypothetical    bool          `json:"hypothetical"`
	Future          bool          `json:"future"`
	Confidence      float64       `json:"confidence"`
	Trigger         string        `json:"trigger"`
	TriggerStart    int           `json:"trigger_start"`
	TriggerEnd      int           `json:"trigger_end"`
	Text            string        `json:"text"` // the sentence
	DocumentID      string        `json:"document_id"`
	URL             string        `json:"url,omitempty"`
	Headline        string        `json:"headline,omitempty"`
	PublicationDate string        `json:"publication_date,omitempty"`
}

type ploverActor struct {
	RawText    string `json:"raw_text"`
	EntityName string `json:"entity_name,omitempty"`
	Country    string `json:"country,omitempty"`
	SectorCode string `json:"sector_code,omitempty"`
	Code       string `json:"code,omitempty"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
}

type ploverPlace struct {
	Name       string  `json:"name"`
	Country    string  `json:"country,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id,omitempty"`
}

// WritePLOVER writes doc's events as PLOVER JSON lines, one event a line,
// in the order of doc.Events.
func WritePLOVER(w io.Writer, doc *document.Document) error {
	if doc == nil {
		return fmt.Errorf("write plover: nil document")
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, ev := range doc.Events {
		pe := ploverEvent{
			ID: doc.ID + "-" + ev.ID, Date: eventDate(doc, ev), EventType: ev.Type, Mode: ev.Mode,
			Context: []string{}, Actor: ploverActors(doc, ev.Source), Recipient: ploverActors(doc, ev.Target),
			CAMEO: ev.CAMEO, QuadClass: ev.Quad, Negated: ev.Negated, Hypothetical: ev.Hypothetical,
			Future: ev.Future, Confidence: ev.Confidence, Trigger: ev.Trigger.Text,
			TriggerStart: ev.Trigger.Start, TriggerEnd: ev.Trigger.End, Text: sentenceText(doc, ev.Sentence),
			DocumentID: doc.ID, URL: doc.URL, Headline: doc.Title, PublicationDate: datePart(doc.Published),
		}
		if p := placeOf(doc, ev.Place); p != nil {
			pe.Location = &ploverPlace{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonamesID: p.GeonamesID}
		}
		if t := timeOf(doc, ev.Time); t != nil {
			pe.Time = t.Value
		}
		if err := enc.Encode(pe); err != nil {
			return fmt.Errorf("write plover event %s: %w", ev.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write plover: %w", err)
	}
	return nil
}

func ploverActors(doc *document.Document, as []document.Actor) []ploverActor {
	out := make([]ploverActor, 0, len(as))
	for _, a := range as {
		pa := ploverActor{RawText: a.Text, Country: a.Country, SectorCode: sectorOf(a.Code), Code: a.Code, Start: a.Start, End: a.End}
		if e := doc.EntityByID(a.Entity); e != nil {
			pa.EntityName = e.Name
		}
		out = append(out, pa)
	}
	return out
}

// GDELTColumns names the 61 columns of the GDELT 2.0 event table, in
// order, as WriteGDELT fills them.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// WriteGDELT writes doc's events as rows of the GDELT 2.0 event table
// (tab-separated, no header; GDELTColumns names the columns). GDELT has one
// actor on each side, so an event with several sources or targets gives
// one row per pair. What newsgraph does not know is left empty: ethnic and
// religion codes, the Goldstein scale, tone, ADM codes, and the geo
// country codes, which GDELT writes in FIPS 10-4 rather than ISO 3166.
// The event id is a 63-bit hash of the document id, the event id and the
// pair, so that it is stable across runs.
func WriteGDELT(w io.Writer, doc *document.Document) error {
	if doc == nil {
		return fmt.Errorf("write gdelt: nil document")
	}
	bw := bufio.NewWriter(w)
	date := strings.ReplaceAll(datePart(doc.Published), "-", "")
	for _, ev := range doc.Events {
		if d := strings.ReplaceAll(eventDate(doc, ev), "-", ""); len(d) == 8 {
			date = d
		}
		srcs, tgts := ev.Source, ev.Target
		if len(srcs) == 0 {
			srcs = []document.Actor{{}}
		}
		if len(tgts) == 0 {
			tgts = []document.Actor{{}}
		}
		for si, s := range srcs {
			for ti, t := range tgts {
				row := make([]string, len(GDELTColumns))
				row[0] = strconv.FormatUint(gdeltID(doc.ID, ev.ID, si, ti), 10)
				if len(date) == 8 {
					row[1], row[2], row[3] = date, date[:6], date[:4]
					row[4] = fractionDate(date)
					row[59] = date + "000000"
				}
				gdeltActor(row[5:15], doc, s)
				gdeltActor(row[15:25], doc, t)
				if ev.Sentence == 0 {
					row[25] = "1"
				} else {
					row[25] = "0"
				}
				row[26] = ev.CAMEO
				row[27] = ev.CAMEO[:min(3, len(ev.CAMEO))]
				row[28] = ev.CAMEO[:min(2, len(ev.CAMEO))]
				row[29] = strconv.Itoa(ev.Quad)
				row[31], row[32], row[33] = "1", "1", "1"
				gdeltGeo(row[35:43], actorPlace(doc, s))
				gdeltGeo(row[43:51], actorPlace(doc, t))
				gdeltGeo(row[51:59], placeOf(doc, ev.Place))
				row[60] = doc.URL
				for i, f := range row {
					row[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(f)
				}
				if _, err := bw.WriteString(strings.Join(row, "\t") + "\n"); err != nil {
					return fmt.Errorf("write gdelt: %w", err)
				}
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write gdelt: %w", err)
	}
	return nil
}

// gdeltActor fills the ten actor columns: code, name, country, known
// group, ethnic, religion 1 and 2, type 1 to 3.
func gdeltActor(cols []string, doc *document.Document, a document.Actor) {
	if a.Text == "" && a.Code == "" {
		return
	}
	cols[0] = a.Code
	name := a.Text
	if e := doc.EntityByID(a.Entity); e != nil {
		name = e.Name
	}
	cols[1] = strings.ToUpper(name)
	cols[2] = a.Country
	if s := sectorOf(a.Code); s != "" {
		cols[7] = s
	}
}

// gdeltGeo fills the eight geo columns: type, full name, country (left
// empty: GDELT's is FIPS), ADM1, ADM2, latitude, longitude, feature id.
func gdeltGeo(cols []string, p *document.Place) {
	if p == nil {
		return
	}
	switch {
	case strings.HasPrefix(p.Feature, "PCL"):
		cols[0] = "1"
	case p.Feature == "ADM1" && p.Country == "USA":
		cols[0] = "2"
	case p.Country == "USA":
		cols[0] = "3"
	case p.Feature == "ADM1":
		cols[0] = "5"
	default:
		cols[0] = "4"
	}
	cols[1] = p.Name
	cols[5] = strconv.FormatFloat(p.Lat, 'f', 4, 64)
	cols[6] = strconv.FormatFloat(p.Lon, 'f', 4, 64)
	if p.GeonamesID != 0 {
		cols[7] = strconv.Itoa(p.GeonamesID)
	}
}

// actorPlace returns the place that an actor is, when it is one ("Israel"
// as a source is the country's place).
func actorPlace(doc *document.Document, a document.Actor) *document.Place {
	if a.Entity == "" {
		return nil
	}
	for i := range doc.Places {
		if doc.Places[i].Entity == a.Entity {
			return &doc.Places[i]
		}
	}
	return nil
}

func placeOf(doc *document.Document, id *string) *document.Place {
	if id == nil {
		return nil
	}
	for i := range doc.Places {
		if doc.Places[i].ID == *id {
			return &doc.Places[i]
		}
	}
	return nil
}

func timeOf(doc *document.Document, id *string) *document.Time {
	if id == nil {
		return nil
	}
	for i := range doc.Times {
		if doc.Times[i].ID == *id {
			return &doc.Times[i]
		}
	}
	return nil
}

// eventDate is the event's own day when its time is one ("2024-03-19"),
// else the publication date.
func eventDate(doc *document.Document, ev document.Event) string {
	if t := timeOf(doc, ev.Time); t != nil && len(t.Value) == 10 && t.Value[4] == '-' && t.Value[7] == '-' {
		return t.Value
	}
	return datePart(doc.Published)
}

// datePart returns the YYYY-MM-DD part of an ISO 8601 date or date-time,
// or "" when it has none.
func datePart(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return ""
}

// fractionDate is GDELT's YYYY.FFFF: the year plus the day of the year
// over 365; "" for a date that does not parse.
func fractionDate(yyyymmdd string) string {
	d, err := time.Parse("20060102", yyyymmdd)
	if err != nil {
		return ""
	}
	return strconv.FormatFloat(float64(d.Year())+float64(d.YearDay())/365, 'f', 4, 64)
}

func gdeltID(doc, ev string, si, ti int) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d", doc, ev, si, ti)
	return h.Sum64() >> 1
}

func sentenceText(doc *document.Document, i int) string {
	if i < 0 || i >= len(doc.Sentences) {
		return ""
	}
	s := doc.Sentences[i]
	if s.Start < 0 || s.End > len(doc.Text) || s.Start > s.End {
		return ""
	}
	return doc.Text[s.Start:s.End]
}
