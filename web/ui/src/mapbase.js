// The map's basemap, made in a Web Worker (map.js starts it) so that
// fetching and parsing the Natural Earth TopoJSON and projecting every
// country — a third of a second on a phone — never blocks the page. It
// gets the box size, the points to fit and the places, and answers with
// the SVG path data of the sphere, graticule and land, and each place's
// position.
import { geoConicEqualArea, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';

self.onmessage = async (ev) => {
  const { basemap, W, H, fit, places } = ev.data;
  // Centred on Manchuria, fitted to the points given.
  const proj = geoConicEqualArea().rotate([-120, 0]).parallels([35, 55]).fitExtent([[30, 30], [W - 30, H - 30]], { type: 'MultiPoint', coordinates: fit });
  // Places are projected before clipping, so that one off the frame still
  // gets a position; the basemap is then clipped to the frame and written
  // to a tenth of a pixel: the page parses and paints only what shows
  // (the land path shrinks several times over).
  const places2 = places.map((p) => proj(p) || [-99, -99]);
  // The land is drawn as far as the farthest place (Warsaw, Helsinki …),
  // so that zooming out or panning reaches Europe on a map, not on a
  // blank; the frame alone is what shows at first.
  let x0 = 0, y0 = 0, x1 = W, y1 = H;
  for (const [x, y] of places2) {
    if (x === -99 && y === -99) continue;
    x0 = Math.min(x0, x - 60); y0 = Math.min(y0, y - 60); x1 = Math.max(x1, x + 60); y1 = Math.max(y1, y + 60);
  }
  proj.clipExtent([[x0, y0], [x1, y1]]);
  const path = geoPath(proj).digits(1);
  const topo = await (await fetch(basemap)).json();
  self.postMessage({
    sphere: path({ type: 'Sphere' }),
    grat: path(geoGraticule10()),
    land: path(feature(topo, topo.objects.countries)), // one path: one element, not 177
    places: places2,
    extent: [x0, y0, x1, y1],
  });
};
