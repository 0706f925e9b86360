/** A refusal that leaves everything as it was (`new` on an existing reading): exit 1, the reason on stderr. */
export class Refused extends Error {}
