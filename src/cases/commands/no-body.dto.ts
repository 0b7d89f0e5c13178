/** For commands that carry nothing but the route: any field sent is refused by the whitelisting pipe. */
export class NoBodyDto {}
