// The structural test of the GCP module and its example, over HCL parsed by @cdktf/hcl2json (no google provider
// exists on these machines, so terraform validate cannot run): every variable typed and described, every variable
// the code needs set on every function, the roles granted exactly those of permissions.json, the two invoker-only
// functions' callers configured with OIDC. Run by scripts/terraform-check: node structure.test.mjs <npm prefix holding @cdktf/hcl2json>.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(process.argv[2], "package.json"));
const { parse } = require("@cdktf/hcl2json");
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

async function parsed(dir) {
  const merged = {};
  const texts = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).sort()) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    texts[file] = text;
    const json = await parse(file, text);
    for (const [block, entries] of Object.entries(json)) {
      if (Array.isArray(entries)) {
        merged[block] = [...(merged[block] ?? []), ...entries];
        continue;
      }
      merged[block] ??= {};
      for (const [type, value] of Object.entries(entries)) {
        merged[block][type] = Array.isArray(value) ? value : { ...(merged[block][type] ?? {}), ...value };
      }
    }
  }
  return { json: merged, texts };
}

const moduleDir = path.resolve(here, "..");
const exampleDir = path.resolve(here, "../../../examples/gcp");
const mod = await parsed(moduleDir);
const example = await parsed(exampleDir);

for (const [where, tree] of [["module", mod.json], ["example", example.json]]) {
  for (const [name, [variable]] of Object.entries(tree.variable ?? {})) {
    check(variable.type, `${where}: variable ${name} has no type`);
    check(variable.description && variable.description.length > 10, `${where}: variable ${name} has no description`);
  }
  for (const [name, [output]] of Object.entries(tree.output ?? {})) {
    check(output.description, `${where}: output ${name} has no description`);
  }
}

// every variable the code needs is set on every function: the shared environment, the per-function merge, secrets
const [fn] = mod.json.resource.google_cloudfunctions2_function.function;
const service = fn.service_config[0];
const locals = Object.assign({}, ...mod.json.locals);
const set = new Set(Object.keys(locals.environment));
for (const match of String(service.environment_variables).matchAll(/^\s*([A-Z_][A-Z0-9_]*)\s*=/gm)) set.add(match[1]);
for (const secret of service.secret_environment_variables) set.add(secret.key);
const code = JSON.parse(fs.readFileSync(path.join(here, "code_variables.json"), "utf8"));
for (const name of code.required) check(set.has(name), `functions do not set ${name}, which the code requires`);
check(set.has("SPRING_CLOUD_FUNCTION_DEFINITION"), "functions do not say which catalog function each serves");
check(fn.build_config[0].entry_point === "io.browsergrid.gcp.GcpFunction", "entry point is not GcpFunction");
for (const function_ of ["api", "agentEvents", "cleanup", "deliverWebhooks"]) {
  check(String(locals.functions[function_] ?? "").length > 0, `no deployed function for ${function_}`);
}

// roles: every grant reads its role from permissions.json, every role there is granted, no other role literal
const permissions = JSON.parse(fs.readFileSync(path.join(moduleDir, "permissions.json"), "utf8"));
const iam = mod.texts["iam.tf"];
for (const key of Object.keys(permissions)) check(iam.includes(`local.permissions.${key}`), `role ${key} is never granted`);
for (const [file, text] of Object.entries(mod.texts)) {
  for (const match of text.matchAll(/"(roles\/[A-Za-z.]+)"/g)) {
    check(match[1] === "roles/run.invoker", `${file} grants ${match[1]} outside permissions.json`);
  }
}
check(!JSON.stringify(permissions).match(/roles\/(owner|editor)"/), "permissions.json grants a basic role");

// the two functions only their callers may invoke: OIDC on the push and on the schedule, invoker grants to them only
const [push] = mod.json.resource.google_pubsub_subscription.deliveries;
check(push.push_config[0].oidc_token?.[0]?.service_account_email, "the push subscription sends no OIDC token");
check(push.dead_letter_policy?.[0]?.dead_letter_topic, "the push subscription has no dead-letter topic");
const [job] = mod.json.resource.google_cloud_scheduler_job.cleanup;
check(job.http_target[0].oidc_token?.[0]?.service_account_email, "the cleanup schedule sends no OIDC token");
check(job.schedule === "* * * * *", "cleanup does not run every minute");
const [publicGrant] = mod.json.resource.google_cloud_run_service_iam_member.public;
check(String(publicGrant.for_each).includes('"api"') && !String(publicGrant.for_each).includes("cleanup"),
  "only api and agentEvents may be public");

// secrets are write-only, never in plan or state
for (const name of ["operator_key", "secret_key"]) {
  const [version] = mod.json.resource.google_secret_manager_secret_version[name];
  check(version.secret_data_wo && !version.secret_data, `${name} is not written write-only`);
  const [variable] = mod.json.variable[name];
  check(variable.sensitive === true && variable.ephemeral === true, `${name} is not sensitive and ephemeral`);
}
check(Object.keys(example.json.module ?? {}).includes("browsergrid"), "the example does not use the module");

if (failures.length) {
  console.error("FAIL: infra-terraform/modules/gcp structure:\n  " + failures.join("\n  "));
  process.exit(1);
}
console.log("infra-terraform/modules/gcp structure: ok");
