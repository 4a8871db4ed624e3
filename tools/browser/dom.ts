/**
 * The few DOM shapes the in-page functions use. The repo's TypeScript has no "dom" lib (node
 * code must not see browser globals), so files that run code in the page declare
 * `declare const document: PageDocument;` themselves: a module-scoped declaration that costs
 * nothing at run time, where an imported binding would not exist inside the page.
 */
export interface PageElement {
	readonly innerText: string;
	readonly textContent: string | null;
	readonly tagName: string;
	readonly offsetParent: unknown;
	readonly children: ArrayLike<PageElement>;
	readonly parentElement: PageElement | null;
	getAttribute(name: string): string | null;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
	closest(selector: string): PageElement | null;
	getBoundingClientRect(): {
		x: number;
		y: number;
		width: number;
		height: number;
		top: number;
		bottom: number;
		left: number;
		right: number;
	};
	scrollIntoView(options?: { block?: 'start' | 'center' | 'end' | 'nearest' }): void;
}

export interface PageDocument {
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
	readonly body: PageElement;
}
