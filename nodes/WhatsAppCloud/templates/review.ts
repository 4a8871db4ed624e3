/**
 * What Meta's review refuses in a new template, checked before Template → Create sends it:
 * structure and lengths (LIMITS), and the variables — each `{{…}}` a number or a lowercase
 * name, numbers {{1}}…{{n}} without gaps, no mixing, an example for every variable, at most one
 * header variable, none at the start or end of the body, a URL variable only as {{1}} at the end.
 */
import { parsePhoneNumber } from '../phone/phoneNumbers';
import { authenticationJsonProblems } from './authentication';
import { LIMITS } from '../validation/limits';
import { endsWithPlaceholder, isNamed, isPositional, placeholderNames, startsWithPlaceholder } from './placeholders';
import type { NamedExample, ParameterFormat, TemplateButton, TemplateComponent } from './types';

/**
 * Where a problem is: the Create field ("Using Fields Below") it comes from — the names are
 * those parameters' names — or, for buttons, the entry and its field.
 */
type TemplatePart =
	| {
			field:
				| 'headerType'
				| 'headerText'
				| 'headerExample'
				| 'headerHandle'
				| 'bodyText'
				| 'bodyExamples'
				| 'footerText'
				| 'buttons'
				| 'components'
				| 'parameterFormat';
	  }
	| { field: 'buttons'; button: number; key: 'type' | 'text' | 'url' | 'urlExample' | 'phoneNumber' };

export interface TemplateProblem {
	part: TemplatePart;
	/** How the problem is introduced when the components were given as JSON: "Body", "Button 2 URL" … */
	where: string;
	message: string;
}

/** The categories whose templates may carry a REQUEST_CONTACT_INFO button. */
const REQUEST_CONTACT_INFO_CATEGORIES = ['UTILITY', 'MARKETING'];

const tooLong = (length: number, max: number) => `is too long: ${length} characters; WhatsApp allows at most ${max}`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

class Review {
	readonly problems: TemplateProblem[] = [];
	usesNamed = false;
	usesPositional = false;

	add(part: TemplatePart, where: string, message: string) {
		this.problems.push({ part, where, message });
	}

	/** The distinct variables of a text; malformed ones and gaps are reported against `part`. */
	variables(part: TemplatePart, where: string, text: string): { positional: number[]; named: string[] } {
		const positional = new Set<number>();
		const named = new Set<string>();
		for (const name of placeholderNames(text)) {
			if (isPositional(name)) positional.add(Number(name));
			else if (isNamed(name)) named.add(name);
			else {
				this.add(
					part,
					where,
					`{{${name}}} is not a valid variable; use numbers {{1}}, {{2}} … or lowercase names with underscores like {{first_name}}`,
				);
			}
		}
		const numbers = [...positional].sort((a, b) => a - b);
		if (numbers.some((n, index) => n !== index + 1)) {
			this.add(
				part,
				where,
				`variables must be numbered {{1}} to {{${numbers.length}}} without gaps; found ${numbers.map((n) => `{{${n}}}`).join(', ')}`,
			);
		}
		if (numbers.length) this.usesPositional = true;
		if (named.size) this.usesNamed = true;
		return { positional: numbers, named: [...named] };
	}

	namedExamples(part: TemplatePart, where: string, names: string[], params: NamedExample[] | undefined) {
		for (const name of names) {
			const example = params?.find((p) => p?.param_name === name)?.example;
			if (typeof example !== 'string' || !example.trim()) {
				this.add(
					part,
					where,
					`the variable {{${name}}} needs an example value (Meta reviews templates with their examples)`,
				);
			}
		}
	}

	header(component: TemplateComponent) {
		const format = String(component.format ?? 'TEXT').toUpperCase();
		const text = typeof component.text === 'string' ? component.text : '';
		if (format === 'TEXT') {
			if (!text.trim()) return this.add({ field: 'headerText' }, 'Header', 'a text header needs text');
			if (text.length > LIMITS.templateHeaderText) {
				this.add({ field: 'headerText' }, 'Header', tooLong(text.length, LIMITS.templateHeaderText));
			}
			const { positional, named } = this.variables({ field: 'headerText' }, 'Header', text);
			const count = positional.length + named.length;
			if (count > LIMITS.templateHeaderVariables) {
				this.add(
					{ field: 'headerText' },
					'Header',
					`has ${count} variables; a header may have at most ${LIMITS.templateHeaderVariables}`,
				);
			}
			const examples = component.example?.header_text;
			if (positional.length && (!Array.isArray(examples) || examples.some((e) => !String(e ?? '').trim()))) {
				this.add({ field: 'headerExample' }, 'Header', 'the variable {{1}} needs an example value');
			}
			this.namedExamples({ field: 'headerExample' }, 'Header', named, component.example?.header_text_named_params);
		} else if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format)) {
			const handle = component.example?.header_handle;
			if (!Array.isArray(handle) || !handle.some((h) => typeof h === 'string' && h.trim())) {
				this.add(
					{ field: 'headerHandle' },
					'Header',
					`${format === 'IMAGE' ? 'an image' : `a ${format.toLowerCase()}`} header needs a sample file handle (example.header_handle), uploaded with the Resumable Upload API`,
				);
			}
		} else if (format !== 'LOCATION') {
			this.add(
				{ field: 'headerType' },
				'Header',
				`unknown format "${component.format}"; use TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION`,
			);
		}
	}

	body(component: TemplateComponent, category: string) {
		const text = typeof component.text === 'string' ? component.text : '';
		if (!text.trim()) {
			if (category !== 'AUTHENTICATION') this.add({ field: 'bodyText' }, 'Body', 'is empty; enter the message text');
			return;
		}
		if (text.length > LIMITS.templateBodyText) {
			this.add({ field: 'bodyText' }, 'Body', tooLong(text.length, LIMITS.templateBodyText));
		}
		const { positional, named } = this.variables({ field: 'bodyText' }, 'Body', text);
		if (positional.length || named.length) {
			if (startsWithPlaceholder(text)) {
				this.add({ field: 'bodyText' }, 'Body', 'must not start with a variable; put some text before it');
			}
			if (endsWithPlaceholder(text)) {
				this.add({ field: 'bodyText' }, 'Body', 'must not end with a variable; put some text after it');
			}
		}
		if (positional.length) {
			const examples = component.example?.body_text?.[0];
			const given = Array.isArray(examples) ? examples.length : 0;
			if (!Array.isArray(examples) || given !== positional.length) {
				this.add(
					{ field: 'bodyExamples' },
					'Body',
					`the body has ${plural(positional.length, 'variable')} ({{1}}…{{${positional.length}}}) but ${plural(given, 'example value')}; give one example per variable, in order`,
				);
			} else {
				examples.forEach((example, index) => {
					if (!String(example ?? '').trim()) {
						this.add({ field: 'bodyExamples' }, 'Body', `the variable {{${index + 1}}} needs an example value`);
					}
				});
			}
		}
		this.namedExamples({ field: 'bodyExamples' }, 'Body', named, component.example?.body_text_named_params);
	}

	button(button: TemplateButton, index: number, category: string) {
		const at = (key: 'type' | 'text' | 'url' | 'urlExample' | 'phoneNumber') => ({
			field: 'buttons' as const,
			button: index,
			key,
		});
		const name = `Button ${index + 1}`;
		const type = String(button?.type ?? '').toUpperCase();
		if (typeof button?.text === 'string' && button.text.length > LIMITS.templateButtonText) {
			this.add(at('text'), `${name} text`, tooLong(button.text.length, LIMITS.templateButtonText));
		}
		// Meta, "Business-scoped user IDs" → "Requesting phone numbers from users": utility and marketing only.
		if (type === 'REQUEST_CONTACT_INFO' && !REQUEST_CONTACT_INFO_CATEGORIES.includes(category.toUpperCase())) {
			this.add(at('type'), name, 'Request Contact Info buttons are only allowed in Utility and Marketing templates');
		}
		if (type === 'PHONE_NUMBER') {
			const check = parsePhoneNumber(button.phone_number);
			if (!check.possible) {
				this.add(
					at('phoneNumber'),
					`${name} phone number`,
					`"${button.phone_number ?? ''}" is not usable: ${check.reason}`,
				);
			}
		}
		if (type !== 'URL') return;
		const url = typeof button.url === 'string' ? button.url.trim() : '';
		if (!/^https?:\/\/\S+$/i.test(url))
			return this.add(at('url'), `${name} URL`, 'must be a full URL starting with https://');
		if (url.length > LIMITS.templateButtonUrl)
			this.add(at('url'), `${name} URL`, tooLong(url.length, LIMITS.templateButtonUrl));
		const variables = placeholderNames(url);
		if (variables.length === 0) return;
		if (variables.length > 1 || variables[0] !== '1' || !/\{\{\s*1\s*\}\}$/.test(url)) {
			return this.add(at('url'), `${name} URL`, 'may have one variable, {{1}}, at the very end of the URL');
		}
		const example = Array.isArray(button.example) ? button.example[0] : button.example;
		if (typeof example !== 'string' || !example.trim()) {
			this.add(
				at('urlExample'),
				`${name} URL`,
				'the variable {{1}} needs an example value (the part of the URL it stands for)',
			);
		}
	}
}

/** Every problem Meta's review would refuse in `components`, each with where it is. */
export function reviewTemplate(
	components: TemplateComponent[],
	category: string,
	parameterFormat: ParameterFormat | undefined,
): TemplateProblem[] {
	const review = new Review();
	const counts = new Map<string, number>();
	for (const component of components) {
		const type = String(component?.type ?? '').toUpperCase();
		const title = type ? type.charAt(0) + type.slice(1).toLowerCase() : 'Component';
		counts.set(type, (counts.get(type) ?? 0) + 1);
		if (type === 'HEADER') review.header(component);
		else if (type === 'BODY') review.body(component, category);
		else if (type === 'FOOTER') {
			const text = typeof component.text === 'string' ? component.text : '';
			if (text.length > LIMITS.templateFooterText) {
				review.add({ field: 'footerText' }, 'Footer', tooLong(text.length, LIMITS.templateFooterText));
			}
		} else if (type === 'BUTTONS') {
			const buttons = Array.isArray(component.buttons) ? component.buttons : [];
			if (buttons.length === 0) review.add({ field: 'buttons' }, 'Buttons', 'needs at least one button');
			if (buttons.length > LIMITS.templateButtons) {
				review.add(
					{ field: 'buttons' },
					'Buttons',
					`has too many entries: ${buttons.length}; WhatsApp allows at most ${LIMITS.templateButtons}`,
				);
			}
			buttons.forEach((button, index) => review.button(button, index, category));
		} else {
			review.add(
				{ field: 'components' },
				title,
				`unknown component type "${component?.type}"; use HEADER, BODY, FOOTER or BUTTONS`,
			);
		}
	}
	for (const [type, count] of counts) {
		if (count > 1) {
			const title = type.charAt(0) + type.slice(1).toLowerCase();
			review.add({ field: 'components' }, title, `appears ${count} times; a template has at most one`);
		}
	}
	if (!counts.has('BODY')) review.add({ field: 'components' }, 'Body', 'every template needs a BODY component');
	if (category.toUpperCase() === 'AUTHENTICATION') {
		const fields = { Body: 'bodyText', Header: 'headerType', Footer: 'footerText', Buttons: 'buttons' } as const;
		for (const { where, message } of authenticationJsonProblems(components)) {
			review.add({ field: fields[where as keyof typeof fields] ?? 'components' }, where, message);
		}
	}

	if (review.usesNamed && review.usesPositional) {
		review.add(
			{ field: 'bodyText' },
			'Variables',
			'use either numbered variables ({{1}}) or named ones ({{first_name}}) in one template, not both',
		);
	} else if (review.usesNamed && parameterFormat !== 'NAMED') {
		review.add(
			{ field: 'parameterFormat' },
			'Variables',
			'the template uses named variables ({{first_name}}), so its format must be Named',
		);
	} else if (review.usesPositional && parameterFormat === 'NAMED') {
		review.add(
			{ field: 'parameterFormat' },
			'Variables',
			'the format is Named but the template uses numbered variables ({{1}})',
		);
	}
	return review.problems;
}

/** Named when any variable of the texts is named, else undefined (Meta's default, positional). */
export function detectParameterFormat(components: TemplateComponent[]): 'NAMED' | undefined {
	const texts = components.flatMap((c) => (typeof c.text === 'string' ? [c.text] : []));
	return texts.some((text) => placeholderNames(text).some((name) => name !== '' && !isPositional(name)))
		? 'NAMED'
		: undefined;
}
