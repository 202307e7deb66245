package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// topology is the part of a TopoJSON file (world-atlas) that gen reads.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type string          `json:"type"`
				ID   string          `json:"id"`
				Arcs json.RawMessage `json:"arcs"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// readCentroids returns the centre of each country's largest polygon (its
// mainland), keyed by ISO 3166-1 numeric code. The centre of the mainland
// rather than of all the parts keeps France in France and the United
// States out of Canada.
func readCentroids(path string) (map[string][2]float64, error) {
	var t topology
	if err := readJSON(path, &t); err != nil {
		return nil, err
	}
	// Decode the quantised, delta-encoded arcs into longitude/latitude.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			x, y = x+p[0], y+p[1]
			pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) ([][2]float64, error) {
		var out [][2]float64
		for k, a := range idx {
			rev := a < 0
			if rev {
				a = ^a
			}
			if a >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range", a)
			}
			pts := arcs[a]
			seg := make([][2]float64, len(pts))
			for j := range pts {
				if rev {
					seg[j] = pts[len(pts)-1-j]
				} else {
					seg[j] = pts[j]
				}
			}
			if k > 0 && len(seg) > 0 {
				seg = seg[1:] // shared with the previous arc's last point
			}
			out = append(out, seg...)
		}
		return out, nil
	}
	out := map[string][2]float64{}
	areas := map[string]float64{}
	for _, g := range t.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: country %s: %w", path, g.ID, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: country %s: %w", path, g.ID, err)
			}
		default:
			continue
		}
		best, bestArea := [2]float64{}, 0.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			r, err := ring(p[0]) // the outer ring; holes barely move a centre
			if err != nil {
				return nil, fmt.Errorf("%s: country %s: %w", path, g.ID, err)
			}
			c, a := centroid(r)
			if a > bestArea {
				best, bestArea = c, a
			}
		}
		if bestArea > 0 && g.ID != "" && bestArea > areas[g.ID] {
			// Some ids have several geometries (Australia and the
			// Ashmore and Cartier Islands share 036): the largest wins.
			areas[g.ID] = bestArea
			out[g.ID] = best
		}
	}
	return out, nil
}

// centroid returns the area centroid (latitude, longitude) of a ring and
// its area, on a plane whose longitudes are shrunk by the cosine of the
// ring's mean latitude, so that areas compare fairly across latitudes.
func centroid(r [][2]float64) ([2]float64, float64) {
	if len(r) < 3 {
		return [2]float64{}, 0
	}
	// Rings that cross the antimeridian (Russia, Fiji) jump by 360°
	// there: make the longitudes continuous first.
	r = append([][2]float64(nil), r...)
	for i := 1; i < len(r); i++ {
		for r[i][0]-r[i-1][0] > 180 {
			r[i][0] -= 360
		}
		for r[i][0]-r[i-1][0] < -180 {
			r[i][0] += 360
		}
	}
	var lat0 float64
	for _, p := range r {
		lat0 += p[1]
	}
	k := math.Cos(lat0 / float64(len(r)) * math.Pi / 180)
	var a, cx, cy float64
	for i := range r {
		x0, y0 := r[i][0]*k, r[i][1]
		x1, y1 := r[(i+1)%len(r)][0]*k, r[(i+1)%len(r)][1]
		cross := x0*y1 - x1*y0
		a += cross
		cx += (x0 + x1) * cross
		cy += (y0 + y1) * cross
	}
	if a == 0 {
		return [2]float64{}, 0
	}
	cx, cy = cx/(3*a), cy/(3*a)
	lon := math.Mod(cx/k+540, 360) - 180 // back into [-180, 180)
	return [2]float64{cy, lon}, math.Abs(a) / 2
}
