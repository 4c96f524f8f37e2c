// The network's force layout, run in a Web Worker (network.js starts it)
// so that its 300 ticks — half a second on a phone — never block the
// page: the reader can scroll and use the lists while it runs. It gets
// the nodes, links and box size, and answers with each node's position
// and where its label goes (see placeLabels).
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { radius } from './netradius.js';
import { textWidth } from './util.js';


// placeLabels is the collision pass: nodes are taken by degree, best
// connected first, and each label is tried right, left, above and below
// its node; the first place that overlaps no label already placed and no
// other node wins, and a label with no free place is left out (its node
// keeps its name in the tooltip, the focus detail and the lists below).
// The hubs are the exception: a hub is ringed by its neighbours, so it
// would always lose its name first; the best-connected few may label over
// other nodes (the text has a white halo), and the first three are
// labelled whatever overlaps.
function placeLabels(nodes, W, H) {
  const boxes = [];
  const hit = (b) => b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H ||
    boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
  const circles = nodes.map((n) => ({ x0: n.x - radius(n), y0: n.y - radius(n), x1: n.x + radius(n), y1: n.y + radius(n), n }));
  const onNode = (b, self) => circles.some((c) => c.n !== self && b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1);
  const order = nodes.map((n, i) => i).sort((a, b) => nodes[b].degree - nodes[a].degree);
  const out = new Array(nodes.length).fill(null);
  for (const [rank, i] of order.entries()) {
    const n = nodes[i], r = radius(n), w = textWidth(n.label), h = 11;
    const tries = [
      [r + 2, 3, 'start', n.x + r + 2, n.y - 7],
      [-r - 2, 3, 'end', n.x - r - 2 - w, n.y - 7],
      [0, -r - 3, 'middle', n.x - w / 2, n.y - r - 3 - 9],
      [0, r + 10, 'middle', n.x - w / 2, n.y + r + 1],
    ];
    for (const [dx, dy, anchor, x0, y0] of tries) {
      const b = { x0, y0, x1: x0 + w, y1: y0 + h };
      if (!hit(b) && (rank < 5 || !onNode(b, n))) {
        boxes.push(b);
        out[i] = [dx, dy, anchor];
        break;
      }
    }
    if (!out[i] && rank < 3 && nodes[i].degree > 0) {
      const [dx, dy, anchor, x0, y0] = tries[2];
      boxes.push({ x0, y0, x1: x0 + w, y1: y0 + h });
      out[i] = [dx, dy, anchor];
    }
  }
  return out;
}

self.onmessage = (ev) => {
  const { nodes, links, W, H } = ev.data;
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.id).distance(40))
    .force('charge', forceManyBody().strength(-60))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.05))
    .force('y', forceY(H / 2).strength(0.08))
    .force('collide', forceCollide().radius((n) => radius(n) + 2))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) {
    n.x = Math.max(10, Math.min(W - 10, n.x));
    n.y = Math.max(10, Math.min(H - 10, n.y));
  }
  const labels = placeLabels(nodes, W, H);
  self.postMessage(nodes.map((n, i) => [n.x, n.y, labels[i]]));
};
