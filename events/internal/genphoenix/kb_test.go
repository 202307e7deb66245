package main

import (
	"slices"
	"strings"
	"testing"
)

func TestActorsKB(t *testing.T) {
	in := `BENJAMIN_NETANYAHU_  # CountryInfo.txt
+NETANYAHU
	[ISRELI 670101-960618]
	[ISRGOV >090401]
	[ISRELI]
ANN_VENEMAN_	[USAGOV 010120-050120] [IGOUNOKID >050501]# comment
BAD_DATE_ [KORGOV 2004017-20061201]
NO_CODE_ [---]
`
	got, err := actorsKB(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"benjamin netanyahu\tISRELI\t19670101\t19960618",
		"benjamin netanyahu\tISRGOV\t20090401\t",
		"benjamin netanyahu\tISRELI\t\t",
		"netanyahu\tISRELI\t19670101\t19960618",
		"netanyahu\tISRGOV\t20090401\t",
		"netanyahu\tISRELI\t\t",
		"ann veneman\tUSAGOV\t20010120\t20050120",
		"ann veneman\tIGOUNOKID\t20050501\t",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestCameoVerbs(t *testing.T) {
	in := `&FOOD
+FOOD
####### VERB PATTERNS #######
---  ACCELERATE   [---]  ---
HURRY {HURRIES HURRYING HURRIED }
RUSH
- * AID                                               [070]         # RUSH
- * {ARMS SHIPMENT}                                   [072]         # EXPEDITE
---  BLAME   [112]  ---
ACCUSE [112]
CHARGE
CONDEMN [111]
+CALL_OFF [160]
`
	got, err := cameoVerbs(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"v:rush (aid)\t070", "v:accuse\t112", "v:charge\t112", "v:condemn\t111", "v:call off\t160"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
