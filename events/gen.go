package events

// The converted tables under data/ are made from the shared data beside
// the repository (../shared); run "go generate ./events/" from the
// repository root to remake them. verbs.tsv and extra_agents.tsv are
// written by hand.

//go:generate go run ./internal/genplover -o data/cameo2plover.tsv ../../shared/data/events/plover/CAMEO2PLOVER-2021.txt
//go:generate go run ./internal/genphoenix -o data/agents.tsv agents ../../shared/data/events/dictionaries/Phoenix.agents.txt
//go:generate go run ./internal/genphoenix -o data/groups.tsv groups ../../shared/data/events/dictionaries/Phoenix.MilNonState.actors.txt
//go:generate go run ./internal/genphoenix -o data/cameo_verbs.tsv verbs ../../shared/data/events/dictionaries/CAMEO.2.0.txt
//go:generate go run ./internal/genphoenix -o actors/data/actors.tsv actors ../../shared/data/events/dictionaries/Phoenix.Countries.actors.txt ../../shared/data/events/dictionaries/Phoenix.International.actors.txt ../../shared/data/events/dictionaries/Phoenix.MilNonState.actors.txt
