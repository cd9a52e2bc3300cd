export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _state_helper_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7155);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3338);
// The post step: runs even when main failed or was cancelled, and removes every file the action wrote. Its entry is
// `run`, like main's, which is what GitHub's local-action imports from each step's file.



async function run() {
    const dir = (0,_state_helper_js__WEBPACK_IMPORTED_MODULE_1__/* .workDir */ .Hg)();
    if (!dir)
        return;
    await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_2__/* .removeWorkspace */ .q)(dir);
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Removed ${dir}: the kubeconfig, the values file, the plan file and helm's configuration are gone.`);
}


/***/ }),

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ removeWorkspace),
/* harmony export */   s: () => (/* binding */ createWorkspace)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
// One private folder under RUNNER_TEMP for every file the action writes (kubeconfig, values, helm config, the plan),
// so the post step can remove all of them by deleting one folder. The folder gets a random name and mode 0700 when
// it is made; every file in it is created exclusively (`wx`: a file or link already at that path is an error, never
// followed) with mode 0600, so nothing planted at a name the action uses is written through or read as ours.




const randomName = (prefix, extension = '') => `${prefix}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12).toString('hex')}${extension}`;
async function createExclusively(file, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(file, content, { mode: 0o600, flag: 'wx' });
    return file;
}
async function createWorkspace(runnerTemp = process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir()) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(runnerTemp, 'portkey-azure-deploy-'));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(dir, 0o700);
    return {
        dir,
        async writePrivateFile(name, content) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, name);
            const fresh = await createExclusively(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, randomName(`.${name}`)), content);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(fresh, file);
            return file;
        },
        createPrivateFile: (prefix, extension, content) => createExclusively(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, randomName(prefix, extension)), content),
    };
}
async function removeWorkspace(dir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
}


/***/ })

};

//# sourceMappingURL=661.index.js.map