package server

import (
	"os"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

func readSource(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}
