/**
 * Meta's YAML is read by shelling out to python3 + PyYAML with a YAML 1.2 "core schema" resolver: plain
 * scalars become bool/null/int/float only in their 1.2 spelling. PyYAML's default YAML 1.1 rules
 * would turn `09:00` into the sexagesimal integer 540, `2024-01-28T08:00:00+0000` into a datetime
 * and `NO` into false; all of these stay strings here.
 */
import { execFileSync } from 'node:child_process';

import { isObject, type Json, type JsonObject } from './json';

export function loadContract(file: string): JsonObject {
	const script = [
		'import json, re, sys, yaml',
		'class Core12(yaml.SafeLoader): pass',
		'Core12.yaml_implicit_resolvers = {}',
		"Core12.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:null', re.compile(r'^(?:~|null|Null|NULL|)$'), ['~', 'n', 'N', ''])",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^[-+]?(?:0|[1-9][0-9]*)$'), list('-+0123456789'))",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(r'^[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$'), list('-+0123456789.'))",
		'with open(sys.argv[1], encoding="utf-8") as f: data = yaml.load(f, Loader=Core12)',
		'json.dump(data, sys.stdout, ensure_ascii=False)',
	].join('\n');
	const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	const doc = JSON.parse(out) as Json;
	if (!isObject(doc)) throw new Error(`${file}: not an object`);
	return doc;
}
