package main

import (
	"maps"
	"strings"
	"testing"
)

func TestAgents(t *testing.T) {
	in := `# comment
!PERSON! = MAN, MEN, WOMAN, WOMEN
PRIME_MINISTER [~GOV]
THIEF {THIEVES} [~CRM]
POLICE {} [~COP]
SPOKES!PERSON!  [~MED]
MILITARY_JUNTA [~GOVMIL] # comment
`
	got, err := agents(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"prime minister": "GOV", "prime ministers": "GOV", "thief": "CRM", "thieves": "CRM",
		"police": "COP", "spokesman": "MED", "spokeswoman": "MED", "spokesmen": "MED",
		"spokeswomen": "MED", "military junta": "GOV", "military juntas": "GOV",
	}
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestGroups(t *testing.T) {
	in := `HAMAS_  #  kkl 21 Mar 13
+ISLAMIC_RESISTANCE_MOVEMENT
	[PSEREBHMS]
SHEIKH_X
	[PSEREBHMS 19870101-20040322]

HEZBOLLAH_ [LBNREB] #  kkl 21 Mar 13
NO_CODE_
`
	got, err := groups(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"hamas": "PSEREB", "islamic resistance movement": "PSEREB", "sheikh x": "PSEREB", "hezbollah": "LBNREB"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
