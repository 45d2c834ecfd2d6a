// Validates every object of a rendered manifest (stdin, YAML documents) against the Kubernetes API's schemas and
// CloudNativePG's, offline: kubernetes-models' classes carry the OpenAPI schemas of the API they model. Prints one
// line per object ("ok Kind/name" or "invalid Kind/name: reason") and ends non-zero when any is invalid or unknown.
// With --json it only prints the objects as one JSON array (for the test's own checks of what they name).
import { parseAllDocuments } from "yaml";

const text = await new Promise((resolve) => {
  let input = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (input += chunk));
  process.stdin.on("end", () => resolve(input));
});

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group === "postgresql.cnpg.io"
    ? `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`;
  try { return (await import(module))[kind]; } catch { return undefined; }
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o)));
  process.exit(0);
}

let failed = 0;
for (const document of parseAllDocuments(text)) {
  const object = document.toJS();
  if (!object) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  const Model = await modelOf(object.apiVersion, object.kind);
  if (!Model) { console.log(`unknown ${name} (${object.apiVersion})`); failed++; continue; }
  try {
    new Model(object).validate();
    console.log(`ok ${name}`);
  } catch (e) {
    console.log(`invalid ${name}: ${e.message}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
