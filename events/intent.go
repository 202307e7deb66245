package events

// intentCode recodes a cooperative event that is only promised or
// refused, as CAMEO does: "Ethiopia said it would allow the WFP to deliver
// food" is an intent to yield (03, AGREE in PLOVER), not yet the yielding;
// "Hungary says it will not accept returned asylum seekers" a rejection
// (12). Only verbal and material cooperation (CAMEO 04-08) is recoded:
// a future threat or attack keeps its own code and the future flag, and
// so does a planned meeting ("officials will meet in Washington" is
// CONSULT, as the contract's seed has it), unless it is refused.
func intentCode(code string, future, negated bool) (string, bool) {
	if !future || len(code) < 2 {
		return "", false
	}
	codes := intentCodes
	if negated {
		codes = refusalCodes
	}
	c, ok := codes[code[:2]]
	return c, ok
}

// intentCodes are CAMEO's "express intent to" codes by the root of what is
// promised: cooperate diplomatically, materially, give aid, yield.
var intentCodes = map[string]string{"05": "032", "06": "031", "07": "033", "08": "034"}

// refusalCodes are CAMEO's rejections by the root of what is refused:
// a meeting, cooperation, aid, yielding.
var refusalCodes = map[string]string{"04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
