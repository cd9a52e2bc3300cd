export const id = 955;
export const ids = [955];
export const modules = {

/***/ 1955:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderChart: () => (/* reexport */ renderChart)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/helm/client.ts
var client = __webpack_require__(9493);
// EXTERNAL MODULE: ./src/secrets.ts
var src_secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/render/render.ts
// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the values and the manifest with every secret hidden, so it can run on pull requests.





const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;
/** A scalar of any object: *** when it is base64 of a text holding a secret, else its secrets cut out. */
function redactScalar(value, secrets) {
    const compact = value.replace(/\s+/g, '');
    if (BASE64.test(compact)) {
        const decoded = Buffer.from(compact, 'base64').toString('utf8');
        if (secrets.redact(decoded) !== decoded)
            return src_secrets/* REDACTED */.XF;
    }
    return secrets.redact(value);
}
/**
 * Every value under `data`/`stringData` of every Secret replaced by ***; in every other object (a ConfigMap with
 * `environment.secret: false`, an annotation, an env list) every value that holds a secret in any form, decoded
 * from YAML's quoting, escaping and line folding first; then every known secret cut out of the text.
 */
function redactManifest(manifest, secrets) {
    const documents = (0,dist/* parseAllDocuments */.hR)(manifest);
    const parts = (Array.isArray(documents) ? documents : [documents]).map((document) => {
        if (document.errors.length > 0)
            return '# (a document that could not be parsed is hidden)\n';
        if (document.get('kind') === 'Secret') {
            for (const field of ['data', 'stringData']) {
                const map = document.get(field, true);
                if (!(0,dist/* isMap */.jh)(map))
                    continue;
                for (const pair of map.items) {
                    if ((0,dist/* isScalar */.jn)(pair.value))
                        pair.value.value = src_secrets/* REDACTED */.XF;
                }
            }
        }
        (0,dist/* visit */.YR)(document, {
            Scalar(_key, node) {
                if (typeof node.value === 'string')
                    node.value = redactScalar(node.value, secrets);
            },
        });
        return document.toString({ lineWidth: 0 });
    });
    return secrets.redact(parts.join('---\n'));
}
/** Prints the manifest (the values are already in the log, from the values stage). */
async function renderChart(input, seams) {
    const { chart, valuesPath, secrets } = input;
    const result = await new client/* HelmClient */.E(input.session, seams).template(chart, valuesPath);
    if (result.exitCode !== 0) {
        const output = secrets.redact(result.stderr.trim() || result.stdout.trim());
        throw new errors/* ActionError */.l(`helm template failed (exit ${result.exitCode}): ${output}`, {
            input: 'chart',
            hint: 'Check `chart`, `chart-version` and the values named in the error; the merged values above are what helm received.',
        });
    }
    const manifest = redactManifest(result.stdout, secrets);
    core/* info */.pq(`Rendered manifest (Secret data and every secret masked):\n${manifest}`);
    return { manifest };
}

;// CONCATENATED MODULE: ./src/render/index.ts
// The render stage as main.ts sees it: `helm template` with the planned values, secrets hidden.



/***/ })

};

//# sourceMappingURL=955.index.js.map