/**
 * A compact table of international calling codes (ITU-T E.164 country codes), enough to say
 * which country a number belongs to and whether its length is possible there. It is not a
 * numbering-plan database: lengths are known for the countries where WhatsApp is used most and
 * are the range of national significant numbers (the digits after the calling code) that the
 * country issues; elsewhere only the E.164 bounds apply.
 */

export interface CountryInfo {
	/** ISO 3166-1 alpha-2 code; '' for the non-geographic codes of international networks */
	iso: string;
	name: string;
	/** calling code, digits only */
	callingCode: string;
	/** possible national significant number lengths, when known */
	minLength?: number;
	maxLength?: number;
	/** how a national number starts (trunk prefix); '' when the country has none we strip */
	trunkPrefix: string;
}

/**
 * `code ISO name [min-max]`, one entry per line. Several countries share +1 (NANP) and +7;
 * the first ISO listed for a shared code is the default, the area tables below refine it.
 * Mexico allows 11 digits: WhatsApp IDs of Mexican mobiles still carry the old "1" (52 1 55…).
 * `--` marks the non-geographic codes of mobile and satellite networks (no country). Freephone and
 * other service codes (+800, +808, +888, +979, +991) are not phones and are left out.
 */
const TABLE = `
1 US United States 10-10
7 RU Russia 10-10
20 EG Egypt 8-10
27 ZA South Africa 9-9
30 GR Greece 10-10
31 NL Netherlands 9-9
32 BE Belgium 8-9
33 FR France 9-9
34 ES Spain 9-9
36 HU Hungary 8-9
39 IT Italy 6-11
40 RO Romania 9-9
41 CH Switzerland 9-9
43 AT Austria 4-13
44 GB United Kingdom 7-10
45 DK Denmark 8-8
46 SE Sweden 7-13
47 NO Norway 5-8
48 PL Poland 9-9
49 DE Germany 6-13
51 PE Peru 8-9
52 MX Mexico 10-11
53 CU Cuba 6-8
54 AR Argentina 10-11
55 BR Brazil 10-11
56 CL Chile 9-9
57 CO Colombia 8-10
58 VE Venezuela 10-10
60 MY Malaysia 8-10
61 AU Australia 9-9
62 ID Indonesia 8-12
63 PH Philippines 8-10
64 NZ New Zealand 8-10
65 SG Singapore 8-8
66 TH Thailand 8-9
81 JP Japan 9-10
82 KR South Korea 8-10
84 VN Vietnam 9-10
86 CN China 9-11
90 TR Turkey 10-10
91 IN India 10-10
92 PK Pakistan 9-10
93 AF Afghanistan 9-9
94 LK Sri Lanka 9-9
95 MM Myanmar 7-10
98 IR Iran 10-10
211 SS South Sudan
212 MA Morocco 9-9
213 DZ Algeria 8-9
216 TN Tunisia 8-8
218 LY Libya 9-9
220 GM Gambia 7-7
221 SN Senegal 9-9
222 MR Mauritania
223 ML Mali
224 GN Guinea
225 CI Côte d'Ivoire
226 BF Burkina Faso
227 NE Niger
228 TG Togo
229 BJ Benin
230 MU Mauritius
231 LR Liberia
232 SL Sierra Leone
233 GH Ghana 9-9
234 NG Nigeria 8-10
235 TD Chad
236 CF Central African Republic
237 CM Cameroon 9-9
238 CV Cape Verde
239 ST São Tomé and Príncipe
240 GQ Equatorial Guinea
241 GA Gabon
242 CG Congo
243 CD DR Congo 9-9
244 AO Angola 9-9
245 GW Guinea-Bissau
246 IO British Indian Ocean Territory
247 AC Ascension Island
248 SC Seychelles
249 SD Sudan
250 RW Rwanda
251 ET Ethiopia 9-9
252 SO Somalia
253 DJ Djibouti
254 KE Kenya 9-10
255 TZ Tanzania 9-9
256 UG Uganda 9-9
257 BI Burundi
258 MZ Mozambique
260 ZM Zambia 9-9
261 MG Madagascar
262 RE Réunion
263 ZW Zimbabwe
264 NA Namibia
265 MW Malawi
266 LS Lesotho
267 BW Botswana
268 SZ Eswatini
269 KM Comoros
290 SH Saint Helena
291 ER Eritrea
297 AW Aruba
298 FO Faroe Islands
299 GL Greenland
350 GI Gibraltar
351 PT Portugal 9-9
352 LU Luxembourg
353 IE Ireland 7-9
354 IS Iceland
355 AL Albania
356 MT Malta
357 CY Cyprus
358 FI Finland 5-12
359 BG Bulgaria
370 LT Lithuania
371 LV Latvia
372 EE Estonia
373 MD Moldova
374 AM Armenia
375 BY Belarus
376 AD Andorra
377 MC Monaco
378 SM San Marino
380 UA Ukraine 9-9
381 RS Serbia
382 ME Montenegro
383 XK Kosovo
385 HR Croatia
386 SI Slovenia
387 BA Bosnia and Herzegovina
389 MK North Macedonia
420 CZ Czechia 9-9
421 SK Slovakia 9-9
423 LI Liechtenstein
500 FK Falkland Islands
501 BZ Belize
502 GT Guatemala
503 SV El Salvador
504 HN Honduras
505 NI Nicaragua
506 CR Costa Rica
507 PA Panama
508 PM Saint Pierre and Miquelon
509 HT Haiti
590 GP Guadeloupe
591 BO Bolivia
592 GY Guyana
593 EC Ecuador
594 GF French Guiana
595 PY Paraguay
596 MQ Martinique
597 SR Suriname
598 UY Uruguay
599 CW Curaçao
670 TL Timor-Leste
672 NF Norfolk Island
673 BN Brunei
674 NR Nauru
675 PG Papua New Guinea
676 TO Tonga
677 SB Solomon Islands
678 VU Vanuatu
679 FJ Fiji
680 PW Palau
681 WF Wallis and Futuna
682 CK Cook Islands
683 NU Niue
685 WS Samoa
686 KI Kiribati
687 NC New Caledonia
688 TV Tuvalu
689 PF French Polynesia
690 TK Tokelau
691 FM Micronesia
692 MH Marshall Islands
850 KP North Korea
852 HK Hong Kong 8-8
853 MO Macao 8-8
855 KH Cambodia
856 LA Laos
880 BD Bangladesh 6-10
886 TW Taiwan 8-9
960 MV Maldives
961 LB Lebanon 7-8
962 JO Jordan 8-9
963 SY Syria
964 IQ Iraq 8-10
965 KW Kuwait 8-8
966 SA Saudi Arabia 9-9
967 YE Yemen
968 OM Oman 8-8
970 PS Palestine
971 AE United Arab Emirates 8-9
972 IL Israel 8-9
973 BH Bahrain 8-8
974 QA Qatar 8-8
975 BT Bhutan
976 MN Mongolia
977 NP Nepal 8-10
992 TJ Tajikistan
993 TM Turkmenistan
994 AZ Azerbaijan
995 GE Georgia
996 KG Kyrgyzstan
998 UZ Uzbekistan
870 -- Inmarsat
881 -- Global Mobile Satellite System
882 -- International Networks
883 -- International Networks
`;

/** NANP area codes (+1 NXX) that are not the United States. */
const NANP_AREAS = `
CA Canada 204 226 236 249 250 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905
BS Bahamas 242
BB Barbados 246
AI Anguilla 264
AG Antigua and Barbuda 268
VG British Virgin Islands 284
VI U.S. Virgin Islands 340
KY Cayman Islands 345
BM Bermuda 441
GD Grenada 473
TC Turks and Caicos Islands 649
JM Jamaica 658 876
MS Montserrat 664
MP Northern Mariana Islands 670
GU Guam 671
AS American Samoa 684
SX Sint Maarten 721
LC Saint Lucia 758
DM Dominica 767
VC Saint Vincent and the Grenadines 784
PR Puerto Rico 787 939
DO Dominican Republic 809 829 849
TT Trinidad and Tobago 868
KN Saint Kitts and Nevis 869
`;

/** Countries whose national numbers keep their leading 0 (no trunk prefix to strip). */
const KEEP_LEADING_ZERO = new Set(['IT', 'SM']);

function parseTable(): Map<string, CountryInfo> {
	const byCode = new Map<string, CountryInfo>();
	for (const line of TABLE.split('\n')) {
		const match = /^(\d+) ([A-Z]{2}|--) (.+?)(?: (\d+)-(\d+))?$/.exec(line.trim());
		if (!match) continue;
		const [, callingCode, iso, name, min, max] = match;
		byCode.set(callingCode, {
			iso: iso === '--' ? '' : iso,
			name,
			callingCode,
			minLength: min ? Number(min) : undefined,
			maxLength: max ? Number(max) : undefined,
			trunkPrefix: callingCode === '1' ? '1' : callingCode === '7' ? '8' : KEEP_LEADING_ZERO.has(iso) ? '' : '0',
		});
	}
	return byCode;
}

function parseNanp(): Map<string, { iso: string; name: string }> {
	const byArea = new Map<string, { iso: string; name: string }>();
	for (const line of NANP_AREAS.split('\n')) {
		const match = /^([A-Z]{2}) (.+?) ((?:\d{3} ?)+)$/.exec(line.trim());
		if (!match) continue;
		for (const area of match[3].trim().split(' ')) byArea.set(area, { iso: match[1], name: match[2] });
	}
	return byArea;
}

const COUNTRIES_BY_CODE: ReadonlyMap<string, CountryInfo> = parseTable();
const NANP_BY_AREA = parseNanp();

const BY_ISO = new Map<string, CountryInfo>();
for (const info of COUNTRIES_BY_CODE.values()) if (info.iso) BY_ISO.set(info.iso, info);
for (const { iso, name } of NANP_BY_AREA.values()) {
	if (!BY_ISO.has(iso)) BY_ISO.set(iso, { ...COUNTRIES_BY_CODE.get('1')!, iso, name });
}
BY_ISO.set('KZ', { ...COUNTRIES_BY_CODE.get('7')!, iso: 'KZ', name: 'Kazakhstan' });

/** The country for an ISO 3166-1 alpha-2 code (any case), or for a calling code like "+44" (countries only). */
export function countryFor(code: string): CountryInfo | undefined {
	const value = code.trim();
	const digits = value.replace(/^\+/, '');
	if (/^\d{1,3}$/.test(digits)) {
		const country = COUNTRIES_BY_CODE.get(digits);
		return country?.iso ? country : undefined;
	}
	return BY_ISO.get(value.toUpperCase());
}

/**
 * Splits international digits (no +) into calling code and national number. Calling codes are
 * prefix-free, so the first of the 1-, 2- and 3-digit prefixes found in the table is the code.
 * Shared codes are refined: +1 by area code, +7 by the first national digit.
 */
export function splitCallingCode(
	digits: string,
): { country: CountryInfo; nationalNumber: string } | undefined {
	for (let length = 1; length <= 3 && length < digits.length; length++) {
		const country = COUNTRIES_BY_CODE.get(digits.slice(0, length));
		if (!country) continue;
		const nationalNumber = digits.slice(length);
		if (country.callingCode === '1') {
			const area = NANP_BY_AREA.get(nationalNumber.slice(0, 3));
			if (area) return { country: { ...country, ...area }, nationalNumber };
		}
		if (country.callingCode === '7' && /^[67]/.test(nationalNumber)) {
			return { country: { ...country, iso: 'KZ', name: 'Kazakhstan' }, nationalNumber };
		}
		return { country, nationalNumber };
	}
	return undefined;
}
