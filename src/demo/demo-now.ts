/**
 * The demo's "now": Wednesday 21 August 2019, 11:00 in Astana, Almaty and
 * Kostanay (UTC+6 then), 10:00 in Uralsk. Every seed regulation but Almaty
 * oblast's is in force that day, and it lies inside the summer acceptance
 * windows (first grade in Kostanay, TVET admission in West Kazakhstan). The
 * demo cases are recorded up to this instant and `--demo` starts the
 * simulated clock here, so the open ones are on time, due or overdue "now".
 */
export const DEMO_NOW = new Date('2019-08-21T05:00:00Z');
