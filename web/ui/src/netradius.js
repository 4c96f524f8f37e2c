// A node's radius by its number of links; shared by the layout (to keep
// nodes apart) and the drawing.
export function radius(n) { return 3 + Math.sqrt(n.degree) * 2; }
