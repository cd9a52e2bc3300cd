export const id = 484;
export const ids = [484];
export const modules = {

/***/ 2892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ helmArchiveFolder),
/* harmony export */   ae: () => (/* binding */ withoutTrailingSlash),
/* harmony export */   h5: () => (/* binding */ kubectlArtifact),
/* harmony export */   hr: () => (/* binding */ helmArtifact)
/* harmony export */ });
function withoutTrailingSlash(url) {
    return url.replace(/\/+$/, '');
}
/** `<base>/helm-vX.Y.Z-<os>-<arch>.tar.gz` (zip on Windows) holding `<os>-<arch>/helm`, checksum `.sha256sum`. */
function helmArtifact(base, version, platform) {
    const fileName = `helm-v${version}-${platform.os}-${platform.arch}.${platform.helmArchive}`;
    const url = `${withoutTrailingSlash(base)}/${fileName}`;
    return { url, checksumUrl: `${url}.sha256sum`, fileName };
}
/** The folder inside the helm archive that holds the binary. */
function helmArchiveFolder(platform) {
    return `${platform.os}-${platform.arch}`;
}
/** `<base>/release/vX.Y.Z/bin/<os>/<arch>/kubectl` (`kubectl.exe` on Windows), checksum `.sha256`. */
function kubectlArtifact(base, version, platform) {
    const fileName = `kubectl${platform.exe}`;
    const url = `${withoutTrailingSlash(base)}/release/v${version}/bin/${platform.os}/${platform.arch}/${fileName}`;
    return { url, checksumUrl: `${url}.sha256`, fileName };
}


/***/ }),

/***/ 484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installTools: () => (/* reexport */ installTools)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var lib_core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/seams.ts
var src_seams = __webpack_require__(4772);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var lib_io = __webpack_require__(8701);
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __webpack_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __webpack_require__(9896);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var node_modules_semver = __webpack_require__(2088);
// EXTERNAL MODULE: external "os"
var external_os_ = __webpack_require__(857);
// EXTERNAL MODULE: external "child_process"
var external_child_process_ = __webpack_require__(5317);
;// CONCATENATED MODULE: ./node_modules/@actions/tool-cache/lib/manifest.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





// Internal object for testability (allows mocking in ESM)
const _internal = {
    readLinuxVersionFile() {
        const lsbReleaseFile = '/etc/lsb-release';
        const osReleaseFile = '/etc/os-release';
        let contents = '';
        if (external_fs_.existsSync(lsbReleaseFile)) {
            contents = external_fs_.readFileSync(lsbReleaseFile).toString();
        }
        else if (external_fs_.existsSync(osReleaseFile)) {
            contents = external_fs_.readFileSync(osReleaseFile).toString();
        }
        return contents;
    }
};
function _findMatch(versionSpec, stable, candidates, archFilter) {
    return __awaiter(this, void 0, void 0, function* () {
        const platFilter = os.platform();
        let result;
        let match;
        let file;
        for (const candidate of candidates) {
            const version = candidate.version;
            debug(`check ${version} satisfies ${versionSpec}`);
            if (semver.satisfies(version, versionSpec) &&
                (!stable || candidate.stable === stable)) {
                file = candidate.files.find(item => {
                    debug(`${item.arch}===${archFilter} && ${item.platform}===${platFilter}`);
                    let chk = item.arch === archFilter && item.platform === platFilter;
                    if (chk && item.platform_version) {
                        const osVersion = _getOsVersion();
                        if (osVersion === item.platform_version) {
                            chk = true;
                        }
                        else {
                            chk = semver.satisfies(osVersion, item.platform_version);
                        }
                    }
                    return chk;
                });
                if (file) {
                    debug(`matched ${candidate.version}`);
                    match = candidate;
                    break;
                }
            }
        }
        if (match && file) {
            // clone since we're mutating the file list to be only the file that matches
            result = Object.assign({}, match);
            result.files = [file];
        }
        return result;
    });
}
function _getOsVersion() {
    // TODO: add windows and other linux, arm variants
    // right now filtering on version is only an ubuntu and macos scenario for tools we build for hosted (python)
    const plat = os.platform();
    let version = '';
    if (plat === 'darwin') {
        version = cp.execSync('sw_vers -productVersion').toString();
    }
    else if (plat === 'linux') {
        // lsb_release process not in some containers, readfile
        // Run cat /etc/lsb-release
        // DISTRIB_ID=Ubuntu
        // DISTRIB_RELEASE=18.04
        // DISTRIB_CODENAME=bionic
        // DISTRIB_DESCRIPTION="Ubuntu 18.04.4 LTS"
        const lsbContents = _internal.readLinuxVersionFile();
        if (lsbContents) {
            const lines = lsbContents.split('\n');
            for (const line of lines) {
                const parts = line.split('=');
                if (parts.length === 2 &&
                    (parts[0].trim() === 'VERSION_ID' ||
                        parts[0].trim() === 'DISTRIB_RELEASE')) {
                    version = parts[1].trim().replace(/^"/, '').replace(/"$/, '');
                    break;
                }
            }
        }
    }
    return version;
}
// Alias for backwards compatibility
function _readLinuxVersionFile() {
    return _internal.readLinuxVersionFile();
}
//# sourceMappingURL=manifest.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __webpack_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: external "stream"
var external_stream_ = __webpack_require__(2203);
// EXTERNAL MODULE: external "util"
var external_util_ = __webpack_require__(9023);
// EXTERNAL MODULE: external "assert"
var external_assert_ = __webpack_require__(2613);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 2 modules
var lib_exec = __webpack_require__(5260);
;// CONCATENATED MODULE: ./node_modules/@actions/tool-cache/lib/retry-helper.js
var retry_helper_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};

/**
 * Internal class for retries
 */
class RetryHelper {
    constructor(maxAttempts, minSeconds, maxSeconds) {
        if (maxAttempts < 1) {
            throw new Error('max attempts should be greater than or equal to 1');
        }
        this.maxAttempts = maxAttempts;
        this.minSeconds = Math.floor(minSeconds);
        this.maxSeconds = Math.floor(maxSeconds);
        if (this.minSeconds > this.maxSeconds) {
            throw new Error('min seconds should be less than or equal to max seconds');
        }
    }
    execute(action, isRetryable) {
        return retry_helper_awaiter(this, void 0, void 0, function* () {
            let attempt = 1;
            while (attempt < this.maxAttempts) {
                // Try
                try {
                    return yield action();
                }
                catch (err) {
                    if (isRetryable && !isRetryable(err)) {
                        throw err;
                    }
                    lib_core/* info */.pq(err.message);
                }
                // Sleep
                const seconds = this.getSleepAmount();
                lib_core/* info */.pq(`Waiting ${seconds} seconds before trying again`);
                yield this.sleep(seconds);
                attempt++;
            }
            // Last attempt
            return yield action();
        });
    }
    getSleepAmount() {
        return (Math.floor(Math.random() * (this.maxSeconds - this.minSeconds + 1)) +
            this.minSeconds);
    }
    sleep(seconds) {
        return retry_helper_awaiter(this, void 0, void 0, function* () {
            return new Promise(resolve => setTimeout(resolve, seconds * 1000));
        });
    }
}
//# sourceMappingURL=retry-helper.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js
var tool_cache_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};














class HTTPError extends Error {
    constructor(httpStatusCode) {
        super(`Unexpected HTTP response: ${httpStatusCode}`);
        this.httpStatusCode = httpStatusCode;
        Object.setPrototypeOf(this, new.target.prototype);
    }
}
const IS_WINDOWS = process.platform === 'win32';
const IS_MAC = process.platform === 'darwin';
const userAgent = 'actions/tool-cache';
/**
 * Download a tool from an url and stream it into a file
 *
 * @param url       url of tool to download
 * @param dest      path to download tool
 * @param auth      authorization header
 * @param headers   other headers
 * @returns         path to downloaded tool
 */
function downloadTool(url, dest, auth, headers) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        dest = dest || external_path_.join(_getTempDirectory(), external_crypto_.randomUUID());
        yield lib_io/* mkdirP */.U$(external_path_.dirname(dest));
        lib_core/* debug */.Yz(`Downloading ${url}`);
        lib_core/* debug */.Yz(`Destination ${dest}`);
        const maxAttempts = 3;
        const minSeconds = _getGlobal('TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS', 10);
        const maxSeconds = _getGlobal('TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS', 20);
        const retryHelper = new RetryHelper(maxAttempts, minSeconds, maxSeconds);
        return yield retryHelper.execute(() => tool_cache_awaiter(this, void 0, void 0, function* () {
            return yield downloadToolAttempt(url, dest || '', auth, headers);
        }), (err) => {
            if (err instanceof HTTPError && err.httpStatusCode) {
                // Don't retry anything less than 500, except 408 Request Timeout and 429 Too Many Requests
                if (err.httpStatusCode < 500 &&
                    err.httpStatusCode !== 408 &&
                    err.httpStatusCode !== 429) {
                    return false;
                }
            }
            // Otherwise retry
            return true;
        });
    });
}
function downloadToolAttempt(url, dest, auth, headers) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        if (external_fs_.existsSync(dest)) {
            throw new Error(`Destination file path ${dest} already exists`);
        }
        // Get the response headers
        const http = new lib/* HttpClient */.Qq(userAgent, [], {
            allowRetries: false
        });
        if (auth) {
            lib_core/* debug */.Yz('set auth');
            if (headers === undefined) {
                headers = {};
            }
            headers.authorization = auth;
        }
        const response = yield http.get(url, headers);
        if (response.message.statusCode !== 200) {
            const err = new HTTPError(response.message.statusCode);
            lib_core/* debug */.Yz(`Failed to download from "${url}". Code(${response.message.statusCode}) Message(${response.message.statusMessage})`);
            throw err;
        }
        // Download the response body
        const pipeline = external_util_.promisify(external_stream_.pipeline);
        const responseMessageFactory = _getGlobal('TEST_DOWNLOAD_TOOL_RESPONSE_MESSAGE_FACTORY', () => response.message);
        const readStream = responseMessageFactory();
        let succeeded = false;
        try {
            yield pipeline(readStream, external_fs_.createWriteStream(dest));
            lib_core/* debug */.Yz('download complete');
            succeeded = true;
            return dest;
        }
        finally {
            // Error, delete dest before retry
            if (!succeeded) {
                lib_core/* debug */.Yz('download failed');
                try {
                    yield lib_io/* rmRF */.Yz(dest);
                }
                catch (err) {
                    lib_core/* debug */.Yz(`Failed to delete '${dest}'. ${err.message}`);
                }
            }
        }
    });
}
/**
 * Extract a .7z file
 *
 * @param file     path to the .7z file
 * @param dest     destination directory. Optional.
 * @param _7zPath  path to 7zr.exe. Optional, for long path support. Most .7z archives do not have this
 * problem. If your .7z archive contains very long paths, you can pass the path to 7zr.exe which will
 * gracefully handle long paths. By default 7zdec.exe is used because it is a very small program and is
 * bundled with the tool lib. However it does not support long paths. 7zr.exe is the reduced command line
 * interface, it is smaller than the full command line interface, and it does support long paths. At the
 * time of this writing, it is freely available from the LZMA SDK that is available on the 7zip website.
 * Be sure to check the current license agreement. If 7zr.exe is bundled with your action, then the path
 * to 7zr.exe can be pass to this function.
 * @returns        path to the destination directory
 */
function extract7z(file, dest, _7zPath) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        ok(IS_WINDOWS, 'extract7z() not supported on current OS');
        ok(file, 'parameter "file" is required');
        dest = yield _createExtractFolder(dest);
        const originalCwd = process.cwd();
        process.chdir(dest);
        if (_7zPath) {
            try {
                const logLevel = core.isDebug() ? '-bb1' : '-bb0';
                const args = [
                    'x', // eXtract files with full paths
                    logLevel, // -bb[0-3] : set output log level
                    '-bd', // disable progress indicator
                    '-sccUTF-8', // set charset for for console input/output
                    file
                ];
                const options = {
                    silent: true
                };
                yield exec(`"${_7zPath}"`, args, options);
            }
            finally {
                process.chdir(originalCwd);
            }
        }
        else {
            const escapedScript = path
                .join(__dirname, '..', 'scripts', 'Invoke-7zdec.ps1')
                .replace(/'/g, "''")
                .replace(/"|\n|\r/g, ''); // double-up single quotes, remove double quotes and newlines
            const escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, '');
            const escapedTarget = dest.replace(/'/g, "''").replace(/"|\n|\r/g, '');
            const command = `& '${escapedScript}' -Source '${escapedFile}' -Target '${escapedTarget}'`;
            const args = [
                '-NoLogo',
                '-Sta',
                '-NoProfile',
                '-NonInteractive',
                '-ExecutionPolicy',
                'Unrestricted',
                '-Command',
                command
            ];
            const options = {
                silent: true
            };
            try {
                const powershellPath = yield io.which('powershell', true);
                yield exec(`"${powershellPath}"`, args, options);
            }
            finally {
                process.chdir(originalCwd);
            }
        }
        return dest;
    });
}
/**
 * Extract a compressed tar archive
 *
 * @param file     path to the tar
 * @param dest     destination directory. Optional.
 * @param flags    flags for the tar command to use for extraction. Defaults to 'xz' (extracting gzipped tars). Optional.
 * @returns        path to the destination directory
 */
function extractTar(file_1, dest_1) {
    return tool_cache_awaiter(this, arguments, void 0, function* (file, dest, flags = 'xz') {
        if (!file) {
            throw new Error("parameter 'file' is required");
        }
        // Create dest
        dest = yield _createExtractFolder(dest);
        // Determine whether GNU tar
        lib_core/* debug */.Yz('Checking tar --version');
        let versionOutput = '';
        yield (0,lib_exec/* exec */.m)('tar --version', [], {
            ignoreReturnCode: true,
            silent: true,
            listeners: {
                stdout: (data) => (versionOutput += data.toString()),
                stderr: (data) => (versionOutput += data.toString())
            }
        });
        lib_core/* debug */.Yz(versionOutput.trim());
        const isGnuTar = versionOutput.toUpperCase().includes('GNU TAR');
        // Initialize args
        let args;
        if (flags instanceof Array) {
            args = flags;
        }
        else {
            args = [flags];
        }
        if (lib_core/* isDebug */._o() && !flags.includes('v')) {
            args.push('-v');
        }
        let destArg = dest;
        let fileArg = file;
        if (IS_WINDOWS && isGnuTar) {
            args.push('--force-local');
            destArg = dest.replace(/\\/g, '/');
            // Technically only the dest needs to have `/` but for aesthetic consistency
            // convert slashes in the file arg too.
            fileArg = file.replace(/\\/g, '/');
        }
        if (isGnuTar) {
            // Suppress warnings when using GNU tar to extract archives created by BSD tar
            args.push('--warning=no-unknown-keyword');
            args.push('--overwrite');
        }
        args.push('-C', destArg, '-f', fileArg);
        yield (0,lib_exec/* exec */.m)(`tar`, args);
        return dest;
    });
}
/**
 * Extract a xar compatible archive
 *
 * @param file     path to the archive
 * @param dest     destination directory. Optional.
 * @param flags    flags for the xar. Optional.
 * @returns        path to the destination directory
 */
function extractXar(file_1, dest_1) {
    return tool_cache_awaiter(this, arguments, void 0, function* (file, dest, flags = []) {
        ok(IS_MAC, 'extractXar() not supported on current OS');
        ok(file, 'parameter "file" is required');
        dest = yield _createExtractFolder(dest);
        let args;
        if (flags instanceof Array) {
            args = flags;
        }
        else {
            args = [flags];
        }
        args.push('-x', '-C', dest, '-f', file);
        if (core.isDebug()) {
            args.push('-v');
        }
        const xarPath = yield io.which('xar', true);
        yield exec(`"${xarPath}"`, _unique(args));
        return dest;
    });
}
/**
 * Extract a zip
 *
 * @param file     path to the zip
 * @param dest     destination directory. Optional.
 * @returns        path to the destination directory
 */
function extractZip(file, dest) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        if (!file) {
            throw new Error("parameter 'file' is required");
        }
        dest = yield _createExtractFolder(dest);
        if (IS_WINDOWS) {
            yield extractZipWin(file, dest);
        }
        else {
            yield extractZipNix(file, dest);
        }
        return dest;
    });
}
function extractZipWin(file, dest) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        // build the powershell command
        const escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, ''); // double-up single quotes, remove double quotes and newlines
        const escapedDest = dest.replace(/'/g, "''").replace(/"|\n|\r/g, '');
        const pwshPath = yield lib_io/* which */.K7('pwsh', false);
        //To match the file overwrite behavior on nix systems, we use the overwrite = true flag for ExtractToDirectory
        //and the -Force flag for Expand-Archive as a fallback
        if (pwshPath) {
            //attempt to use pwsh with ExtractToDirectory, if this fails attempt Expand-Archive
            const pwshCommand = [
                `$ErrorActionPreference = 'Stop' ;`,
                `try { Add-Type -AssemblyName System.IO.Compression.ZipFile } catch { } ;`,
                `try { [System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`,
                `catch { if (($_.Exception.GetType().FullName -eq 'System.Management.Automation.MethodException') -or ($_.Exception.GetType().FullName -eq 'System.Management.Automation.RuntimeException') ){ Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force } else { throw $_ } } ;`
            ].join(' ');
            const args = [
                '-NoLogo',
                '-NoProfile',
                '-NonInteractive',
                '-ExecutionPolicy',
                'Unrestricted',
                '-Command',
                pwshCommand
            ];
            lib_core/* debug */.Yz(`Using pwsh at path: ${pwshPath}`);
            yield (0,lib_exec/* exec */.m)(`"${pwshPath}"`, args);
        }
        else {
            const powershellCommand = [
                `$ErrorActionPreference = 'Stop' ;`,
                `try { Add-Type -AssemblyName System.IO.Compression.FileSystem } catch { } ;`,
                `if ((Get-Command -Name Expand-Archive -Module Microsoft.PowerShell.Archive -ErrorAction Ignore)) { Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force }`,
                `else {[System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`
            ].join(' ');
            const args = [
                '-NoLogo',
                '-Sta',
                '-NoProfile',
                '-NonInteractive',
                '-ExecutionPolicy',
                'Unrestricted',
                '-Command',
                powershellCommand
            ];
            const powershellPath = yield lib_io/* which */.K7('powershell', true);
            lib_core/* debug */.Yz(`Using powershell at path: ${powershellPath}`);
            yield (0,lib_exec/* exec */.m)(`"${powershellPath}"`, args);
        }
    });
}
function extractZipNix(file, dest) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        const unzipPath = yield lib_io/* which */.K7('unzip', true);
        const args = [file];
        if (!lib_core/* isDebug */._o()) {
            args.unshift('-q');
        }
        args.unshift('-o'); //overwrite with -o, otherwise a prompt is shown which freezes the run
        yield (0,lib_exec/* exec */.m)(`"${unzipPath}"`, args, { cwd: dest });
    });
}
/**
 * Caches a directory and installs it into the tool cacheDir
 *
 * @param sourceDir    the directory to cache into tools
 * @param tool          tool name
 * @param version       version of the tool.  semver format
 * @param arch          architecture of the tool.  Optional.  Defaults to machine architecture
 */
function cacheDir(sourceDir, tool, version, arch) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        version = node_modules_semver.clean(version) || version;
        arch = arch || external_os_.arch();
        lib_core/* debug */.Yz(`Caching tool ${tool} ${version} ${arch}`);
        lib_core/* debug */.Yz(`source dir: ${sourceDir}`);
        if (!external_fs_.statSync(sourceDir).isDirectory()) {
            throw new Error('sourceDir is not a directory');
        }
        // Create the tool dir
        const destPath = yield _createToolPath(tool, version, arch);
        // copy each child item. do not move. move can fail on Windows
        // due to anti-virus software having an open handle on a file.
        for (const itemName of external_fs_.readdirSync(sourceDir)) {
            const s = external_path_.join(sourceDir, itemName);
            yield lib_io.cp(s, destPath, { recursive: true });
        }
        // write .complete
        _completeToolPath(tool, version, arch);
        return destPath;
    });
}
/**
 * Caches a downloaded file (GUID) and installs it
 * into the tool cache with a given targetName
 *
 * @param sourceFile    the file to cache into tools.  Typically a result of downloadTool which is a guid.
 * @param targetFile    the name of the file name in the tools directory
 * @param tool          tool name
 * @param version       version of the tool.  semver format
 * @param arch          architecture of the tool.  Optional.  Defaults to machine architecture
 */
function cacheFile(sourceFile, targetFile, tool, version, arch) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        version = node_modules_semver.clean(version) || version;
        arch = arch || external_os_.arch();
        lib_core/* debug */.Yz(`Caching tool ${tool} ${version} ${arch}`);
        lib_core/* debug */.Yz(`source file: ${sourceFile}`);
        if (!external_fs_.statSync(sourceFile).isFile()) {
            throw new Error('sourceFile is not a file');
        }
        // create the tool dir
        const destFolder = yield _createToolPath(tool, version, arch);
        // copy instead of move. move can fail on Windows due to
        // anti-virus software having an open handle on a file.
        const destPath = external_path_.join(destFolder, targetFile);
        lib_core/* debug */.Yz(`destination file ${destPath}`);
        yield lib_io.cp(sourceFile, destPath);
        // write .complete
        _completeToolPath(tool, version, arch);
        return destFolder;
    });
}
/**
 * Finds the path to a tool version in the local installed tool cache
 *
 * @param toolName      name of the tool
 * @param versionSpec   version of the tool
 * @param arch          optional arch.  defaults to arch of computer
 */
function find(toolName, versionSpec, arch) {
    if (!toolName) {
        throw new Error('toolName parameter is required');
    }
    if (!versionSpec) {
        throw new Error('versionSpec parameter is required');
    }
    arch = arch || external_os_.arch();
    // attempt to resolve an explicit version
    if (!isExplicitVersion(versionSpec)) {
        const localVersions = findAllVersions(toolName, arch);
        const match = evaluateVersions(localVersions, versionSpec);
        versionSpec = match;
    }
    // check for the explicit version in the cache
    let toolPath = '';
    if (versionSpec) {
        versionSpec = node_modules_semver.clean(versionSpec) || '';
        const cachePath = external_path_.join(_getCacheDirectory(), toolName, versionSpec, arch);
        lib_core/* debug */.Yz(`checking cache: ${cachePath}`);
        if (external_fs_.existsSync(cachePath) && external_fs_.existsSync(`${cachePath}.complete`)) {
            lib_core/* debug */.Yz(`Found tool in cache ${toolName} ${versionSpec} ${arch}`);
            toolPath = cachePath;
        }
        else {
            lib_core/* debug */.Yz('not found');
        }
    }
    return toolPath;
}
/**
 * Finds the paths to all versions of a tool that are installed in the local tool cache
 *
 * @param toolName  name of the tool
 * @param arch      optional arch.  defaults to arch of computer
 */
function findAllVersions(toolName, arch) {
    const versions = [];
    arch = arch || external_os_.arch();
    const toolPath = external_path_.join(_getCacheDirectory(), toolName);
    if (external_fs_.existsSync(toolPath)) {
        const children = external_fs_.readdirSync(toolPath);
        for (const child of children) {
            if (isExplicitVersion(child)) {
                const fullPath = external_path_.join(toolPath, child, arch || '');
                if (external_fs_.existsSync(fullPath) && external_fs_.existsSync(`${fullPath}.complete`)) {
                    versions.push(child);
                }
            }
        }
    }
    return versions;
}
function getManifestFromRepo(owner_1, repo_1, auth_1) {
    return tool_cache_awaiter(this, arguments, void 0, function* (owner, repo, auth, branch = 'master') {
        let releases = [];
        const treeUrl = `https://api.github.com/repos/${owner}/${repo}/git/trees/${branch}`;
        const http = new httpm.HttpClient('tool-cache');
        const headers = {};
        if (auth) {
            core.debug('set auth');
            headers.authorization = auth;
        }
        const response = yield http.getJson(treeUrl, headers);
        if (!response.result) {
            return releases;
        }
        let manifestUrl = '';
        for (const item of response.result.tree) {
            if (item.path === 'versions-manifest.json') {
                manifestUrl = item.url;
                break;
            }
        }
        headers['accept'] = 'application/vnd.github.VERSION.raw';
        let versionsRaw = yield (yield http.get(manifestUrl, headers)).readBody();
        if (versionsRaw) {
            // shouldn't be needed but protects against invalid json saved with BOM
            versionsRaw = versionsRaw.replace(/^\uFEFF/, '');
            try {
                releases = JSON.parse(versionsRaw);
            }
            catch (_a) {
                core.debug('Invalid json');
            }
        }
        return releases;
    });
}
function findFromManifest(versionSpec_1, stable_1, manifest_1) {
    return tool_cache_awaiter(this, arguments, void 0, function* (versionSpec, stable, manifest, archFilter = os.arch()) {
        // wrap the internal impl
        const match = yield mm._findMatch(versionSpec, stable, manifest, archFilter);
        return match;
    });
}
function _createExtractFolder(dest) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        if (!dest) {
            // create a temp dir
            dest = external_path_.join(_getTempDirectory(), external_crypto_.randomUUID());
        }
        yield lib_io/* mkdirP */.U$(dest);
        return dest;
    });
}
function _createToolPath(tool, version, arch) {
    return tool_cache_awaiter(this, void 0, void 0, function* () {
        const folderPath = external_path_.join(_getCacheDirectory(), tool, node_modules_semver.clean(version) || version, arch || '');
        lib_core/* debug */.Yz(`destination ${folderPath}`);
        const markerPath = `${folderPath}.complete`;
        yield lib_io/* rmRF */.Yz(folderPath);
        yield lib_io/* rmRF */.Yz(markerPath);
        yield lib_io/* mkdirP */.U$(folderPath);
        return folderPath;
    });
}
function _completeToolPath(tool, version, arch) {
    const folderPath = external_path_.join(_getCacheDirectory(), tool, node_modules_semver.clean(version) || version, arch || '');
    const markerPath = `${folderPath}.complete`;
    external_fs_.writeFileSync(markerPath, '');
    lib_core/* debug */.Yz('finished caching tool');
}
/**
 * Check if version string is explicit
 *
 * @param versionSpec      version string to check
 */
function isExplicitVersion(versionSpec) {
    const c = node_modules_semver.clean(versionSpec) || '';
    lib_core/* debug */.Yz(`isExplicit: ${c}`);
    const valid = node_modules_semver.valid(c) != null;
    lib_core/* debug */.Yz(`explicit? ${valid}`);
    return valid;
}
/**
 * Get the highest satisfiying semantic version in `versions` which satisfies `versionSpec`
 *
 * @param versions        array of versions to evaluate
 * @param versionSpec     semantic version spec to satisfy
 */
function evaluateVersions(versions, versionSpec) {
    let version = '';
    lib_core/* debug */.Yz(`evaluating ${versions.length} versions`);
    versions = versions.sort((a, b) => {
        if (node_modules_semver.gt(a, b)) {
            return 1;
        }
        return -1;
    });
    for (let i = versions.length - 1; i >= 0; i--) {
        const potential = versions[i];
        const satisfied = node_modules_semver.satisfies(potential, versionSpec);
        if (satisfied) {
            version = potential;
            break;
        }
    }
    if (version) {
        lib_core/* debug */.Yz(`matched: ${version}`);
    }
    else {
        lib_core/* debug */.Yz('match not found');
    }
    return version;
}
/**
 * Gets RUNNER_TOOL_CACHE
 */
function _getCacheDirectory() {
    const cacheDirectory = process.env['RUNNER_TOOL_CACHE'] || '';
    (0,external_assert_.ok)(cacheDirectory, 'Expected RUNNER_TOOL_CACHE to be defined');
    return cacheDirectory;
}
/**
 * Gets RUNNER_TEMP
 */
function _getTempDirectory() {
    const tempDirectory = process.env['RUNNER_TEMP'] || '';
    (0,external_assert_.ok)(tempDirectory, 'Expected RUNNER_TEMP to be defined');
    return tempDirectory;
}
/**
 * Gets a global variable
 */
function _getGlobal(key, defaultValue) {
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const value = global[key];
    /* eslint-enable @typescript-eslint/no-explicit-any */
    return value !== undefined ? value : defaultValue;
}
/**
 * Returns an array of unique values.
 * @param values Values to make unique.
 */
function _unique(values) {
    return Array.from(new Set(values));
}
//# sourceMappingURL=tool-cache.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/tools/artifacts.ts
var artifacts = __webpack_require__(2892);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/tools/checksum.ts
// A binary that will run with cluster credentials is installed only when its SHA-256 matches what the publisher
// (or the workflow author, via helm-sha256 / kubectl-sha256) says it should be. No checksum, no install.




const sha256Pattern = /^[0-9a-f]{64}$/;
/** The hash in a published checksum file: `<hash>  <file>` (helm) or a bare `<hash>` (kubectl). */
function parseChecksumFile(text) {
    const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    return sha256Pattern.test(first) ? first : undefined;
}
async function sha256OfFile(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(file), hash);
    return hash.digest('hex');
}
/** The user's hash when given, else the published checksum file; a missing or unreadable one fails closed. */
async function expectedChecksum(inputs, seams) {
    const { label, userSha256, sha256Input, urlInput, checksumUrl } = inputs;
    if (userSha256) {
        const sha256 = userSha256.trim().toLowerCase();
        if (!sha256Pattern.test(sha256)) {
            throw new errors/* ActionError */.l(`${sha256Input} is not a SHA-256 (64 hexadecimal characters).`, { input: sha256Input });
        }
        return { sha256, source: sha256Input };
    }
    const refuse = (why) => new errors/* ActionError */.l(`Refusing to install ${label} without a checksum: ${why}`, {
        input: urlInput,
        hint: `If your mirror does not publish checksum files, set ${sha256Input} to the expected SHA-256 of the download.`,
    });
    let response;
    try {
        response = await seams.http({ url: checksumUrl });
    }
    catch (error) {
        throw refuse(`could not fetch ${checksumUrl}: ${error.message}`);
    }
    if (response.status !== 200)
        throw refuse(`${checksumUrl} answered HTTP ${response.status}.`);
    const sha256 = parseChecksumFile(response.body);
    if (!sha256)
        throw refuse(`${checksumUrl} does not hold a SHA-256.`);
    return { sha256, source: checksumUrl };
}
function assertChecksum(actual, expected, inputs, url) {
    if (actual === expected.sha256)
        return;
    throw new errors/* ActionError */.l(`Checksum mismatch for ${inputs.label}: ${url} has SHA-256 ${actual}, but ${expected.source} expects ${expected.sha256}. Nothing was installed.`, {
        input: expected.source === inputs.sha256Input ? inputs.sha256Input : inputs.urlInput,
        hint: expected.source === inputs.sha256Input
            ? `Check the value of ${inputs.sha256Input} against the publisher's checksum.`
            : 'The download was corrupted or the mirror serves a different file than it lists; retry, then check the mirror.',
    });
}

// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(2578);
;// CONCATENATED MODULE: ./src/tools/install.ts
// Find a tool in the runner's tool cache, or download, verify, and cache it; then put it on PATH.
// Verification happens before anything is written to the cache, so a failed run leaves no half-trusted entry.









const helmSpec = {
    name: 'helm',
    inputs: { version: 'helm-version', url: 'helm-download-url', sha256: 'helm-sha256' },
    resolveVersion: versions/* resolveHelmVersion */.tC,
    artifact: artifacts/* helmArtifact */.hr,
    async cache(download, version, platform, scratch) {
        const extracted = platform.helmArchive === 'zip' ? await extractZip(download) : await extractTar(download, undefined, 'xz');
        scratch.push(extracted);
        const folder = external_node_path_.join(extracted, (0,artifacts/* helmArchiveFolder */.PF)(platform));
        if (!(0,external_node_fs_.existsSync)(external_node_path_.join(folder, `helm${platform.exe}`))) {
            throw new errors/* ActionError */.l(`The helm ${version} archive does not hold ${(0,artifacts/* helmArchiveFolder */.PF)(platform)}/helm${platform.exe}.`, {
                input: 'helm-download-url',
                hint: 'The mirror must serve the archives exactly as get.helm.sh publishes them.',
            });
        }
        return cacheDir(folder, 'helm', version, platform.arch);
    },
};
const kubectlSpec = {
    name: 'kubectl',
    inputs: { version: 'kubectl-version', url: 'kubectl-download-url', sha256: 'kubectl-sha256' },
    resolveVersion: (request, _platform, seams) => (0,versions/* resolveKubectlVersion */.rB)(request, seams),
    artifact: artifacts/* kubectlArtifact */.h5,
    async cache(download, version, platform) {
        await (0,promises_.chmod)(download, 0o755);
        return cacheFile(download, `kubectl${platform.exe}`, 'kubectl', version, platform.arch);
    },
};
async function download(spec, version, artifact) {
    try {
        return await downloadTool(artifact.url);
    }
    catch (error) {
        if (error instanceof HTTPError && error.httpStatusCode === 404) {
            throw new errors/* ActionError */.l(`${spec.name} ${version} is not published at ${artifact.url} (HTTP 404).`, {
                input: spec.inputs.version,
                hint: `Check that ${spec.name} ${version} exists (and has a build for this platform), or fix ${spec.inputs.url}.`,
            });
        }
        throw new errors/* ActionError */.l(`Downloading ${spec.name} ${version} from ${artifact.url} failed: ${error.message}`, {
            input: spec.inputs.url,
            hint: 'Retry the job; if it keeps failing, check that the runner can reach the download site.',
        });
    }
}
async function downloadVerifyAndCache(spec, request, version, platform, seams) {
    const artifact = spec.artifact(request.downloadBaseUrl, version, platform);
    const checksumInputs = {
        label: `${spec.name} ${version}`,
        userSha256: request.sha256,
        sha256Input: spec.inputs.sha256,
        urlInput: spec.inputs.url,
        checksumUrl: artifact.checksumUrl,
    };
    lib_core/* info */.pq(`Downloading ${spec.name} ${version} from ${artifact.url}`);
    const scratch = [];
    try {
        const file = await download(spec, version, artifact);
        scratch.push(file);
        const expected = await expectedChecksum(checksumInputs, seams);
        assertChecksum(await sha256OfFile(file), expected, checksumInputs, artifact.url);
        lib_core/* info */.pq(`${artifact.fileName} (${spec.name} ${version}): SHA-256 ${expected.sha256} matches ${expected.source}`);
        return await spec.cache(file, version, platform, scratch);
    }
    finally {
        await Promise.all(scratch.map((item) => (0,promises_.rm)(item, { recursive: true, force: true })));
    }
}
async function installTool(spec, request, platform, seams) {
    const version = await spec.resolveVersion(request, platform, seams);
    const binary = `${spec.name}${platform.exe}`;
    // Our cache entries are keyed by the download site's arch name (amd64), so entries left by other setup actions
    // (keyed x64, never checksum-verified by us) are not picked up.
    const cached = find(spec.name, version, platform.arch);
    const folder = cached && (0,external_node_fs_.existsSync)(external_node_path_.join(cached, binary))
        ? cached
        : await downloadVerifyAndCache(spec, request, version, platform, seams);
    if (folder === cached)
        lib_core/* info */.pq(`${spec.name} ${version} found in the tool cache: ${cached}`);
    lib_core/* addPath */.fM(folder);
    return { path: external_node_path_.join(folder, binary), version };
}

;// CONCATENATED MODULE: ./src/tools/platform.ts
// The one place that turns Node's idea of the runner (process.platform, process.arch) into the names the helm and
// kubectl download sites use.

const operatingSystems = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
};
const architectures = {
    x64: 'amd64',
    arm64: 'arm64',
};
function toolPlatform(platform = process.platform, arch = process.arch) {
    const os = operatingSystems[platform];
    const downloadArch = architectures[arch];
    if (!os || !downloadArch) {
        throw new errors/* ActionError */.l(`Cannot install helm and kubectl on a ${platform}/${arch} runner.`, {
            hint: 'This action supports Linux, macOS and Windows runners on x64 or arm64. Use one of those runners.',
        });
    }
    return {
        os,
        arch: downloadArch,
        exe: os === 'windows' ? '.exe' : '',
        helmArchive: os === 'windows' ? 'zip' : 'tar.gz',
    };
}

;// CONCATENATED MODULE: ./src/tools/install-tools.ts
// The tools stage: helm and kubectl, pinned and checksum-verified, installed side by side.





/**
 * Installs the tools named in `which` (both by default) concurrently. The result has exactly those keys, so a caller
 * that asked only for helm (render) cannot reach for kubectl by mistake.
 */
async function installTools(tools, which = ['helm', 'kubectl'], seams = src_seams/* realSeams */.eU) {
    const platform = toolPlatform();
    const installHelm = async () => {
        const helm = await installTool(helmSpec, tools.helm, platform, seams);
        return { ...helm, major: await (0,versions/* detectHelmMajor */.DM)(helm.path, seams) };
    };
    const installs = {
        helm: installHelm,
        kubectl: () => installTool(kubectlSpec, tools.kubectl, platform, seams),
    };
    // allSettled: a failing tool must not leave the other one downloading behind the error.
    const settled = await Promise.allSettled(which.map(async (name) => [name, await installs[name]()]));
    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    for (const extra of failures.slice(1))
        lib_core/* error */.z3(extra.message);
    if (failures.length > 0)
        throw failures[0];
    const installed = settled.map((outcome) => outcome.value);
    return Object.fromEntries(installed);
}

;// CONCATENATED MODULE: ./src/tools/index.ts
// The tools stage as main.ts sees it: helm and kubectl, pinned and checksum-verified, installed side by side.



/***/ }),

/***/ 2578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DM: () => (/* binding */ detectHelmMajor),
/* harmony export */   rB: () => (/* binding */ resolveKubectlVersion),
/* harmony export */   t2: () => (/* binding */ parseHelmMajor),
/* harmony export */   tC: () => (/* binding */ resolveHelmVersion)
/* harmony export */ });
/* unused harmony exports parseVersionRequest, parsePublishedVersion, majorOf, assertSupportedHelm */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _artifacts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2892);


const exactPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const minorPattern = /^\d+\.\d+$/;
/** `4.1.4`, `v4.1.4`, `4.1`, `latest`; anything else is an error naming `input`. */
function parseVersionRequest(raw, input) {
    const text = raw.trim().replace(/^v/i, '');
    if (text.toLowerCase() === 'latest')
        return { kind: 'latest' };
    if (exactPattern.test(text))
        return { kind: 'exact', version: text };
    if (minorPattern.test(text))
        return { kind: 'minor', minor: text };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`${input} "${raw}" is not a version.`, {
        input,
        hint: 'Use an exact version like 4.1.4, a minor version like 4.1 for its newest patch, or latest.',
    });
}
/** A version as published in `helm-latest-version` or `stable.txt` (`v1.35.2`), without the `v`. */
function parsePublishedVersion(body) {
    const text = body.trim().replace(/^v/, '');
    return exactPattern.test(text) ? text : undefined;
}
function majorOf(version) {
    return Number(version.split('.')[0]);
}
/** The deploy stage speaks Helm 3 and Helm 4 flags only. */
function assertSupportedHelm(version) {
    const major = majorOf(version);
    if (major === 3 || major === 4)
        return major;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`helm ${version} is not supported: this action drives Helm 3 or Helm 4.`, {
        input: 'helm-version',
        hint: 'Set helm-version to a 4.x (recommended, e.g. 4.1.4) or 3.x release.',
    });
}
async function ask(request, input, purpose, seams) {
    try {
        return await seams.http(request);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not reach ${request.url} to ${purpose}: ${error.message}`, {
            input,
            hint: 'Check that the runner can reach the download site, or pin an exact version.',
        });
    }
}
/** GETs a file holding one published version. */
async function readPublishedVersion(url, input, purpose, seams) {
    const response = await ask({ url }, input, purpose, seams);
    const version = response.status === 200 ? parsePublishedVersion(response.body) : undefined;
    if (!version) {
        const got = response.status === 200 ? `"${response.body.trim().slice(0, 80)}"` : `HTTP ${response.status}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not ${purpose}: ${url} answered ${got}.`, {
            input,
            hint: `Pin an exact version in ${input}, or check the download URL.`,
        });
    }
    return version;
}
/** Highest probes for one minor: a guard against a mirror that answers 200 to everything. */
const maxPatchProbes = 100;
/**
 * helm publishes no per-minor index, so the newest patch of `X.Y` is found by asking for the checksum file of
 * X.Y.0, X.Y.1, … until the first 404. Checking this platform's file also proves the release has a build for it.
 */
async function newestHelmPatch(minor, request, platform, seams) {
    let newest;
    for (let patch = 0; patch < maxPatchProbes; patch++) {
        const candidate = `${minor}.${patch}`;
        const { checksumUrl } = (0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .helmArtifact */ .hr)(request.downloadBaseUrl, candidate, platform);
        const response = await ask({ url: checksumUrl, method: 'HEAD' }, 'helm-version', `resolve helm ${minor}`, seams);
        if (response.status === 404)
            break;
        if (response.status !== 200) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`Could not resolve helm ${minor}: ${checksumUrl} answered HTTP ${response.status}.`, {
                input: 'helm-version',
                hint: 'Retry, or pin an exact version such as 4.1.4.',
            });
        }
        newest = candidate;
    }
    if (!newest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`helm-version ${minor}: no helm ${minor}.0 is published at ${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}.`, {
            input: 'helm-version',
            hint: 'Check the version on https://github.com/helm/helm/releases (or your helm-download-url mirror).',
        });
    }
    return newest;
}
async function resolveHelmVersion(request, platform, seams) {
    const wanted = parseVersionRequest(request.version, 'helm-version');
    const version = wanted.kind === 'exact'
        ? wanted.version
        : wanted.kind === 'minor'
            ? await newestHelmPatch(wanted.minor, request, platform, seams)
            : await readPublishedVersion(`${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}/helm-latest-version`, 'helm-version', 'resolve helm-version latest', seams);
    assertSupportedHelm(version);
    return version;
}
async function resolveKubectlVersion(request, seams) {
    const wanted = parseVersionRequest(request.version, 'kubectl-version');
    if (wanted.kind === 'exact')
        return wanted.version;
    const file = wanted.kind === 'minor' ? `stable-${wanted.minor}.txt` : 'stable.txt';
    const purpose = `resolve kubectl-version ${wanted.kind === 'minor' ? wanted.minor : 'latest'}`;
    return readPublishedVersion(`${(0,_artifacts_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutTrailingSlash */ .ae)(request.downloadBaseUrl)}/release/${file}`, 'kubectl-version', purpose, seams);
}
/** `v4.1.4` (from `helm version --template {{.Version}}`) → 4; undefined for anything else. */
function parseHelmMajor(output) {
    const version = parsePublishedVersion(output);
    const major = version && majorOf(version);
    return major === 3 || major === 4 ? major : undefined;
}
/** Asks the installed binary itself, so a cached or mirrored build that differs from its label cannot fool the deploy stage. */
async function detectHelmMajor(helmPath, seams) {
    const result = await seams.run(helmPath, ['version', '--template', '{{.Version}}']);
    const major = result.exitCode === 0 ? parseHelmMajor(result.stdout) : undefined;
    if (!major) {
        const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l(`The installed helm at ${helmPath} did not report a Helm 3 or 4 version (exit ${result.exitCode}): ${said}`, {
            input: 'helm-version',
            hint: 'Set helm-version to a 4.x or 3.x release; if a mirror is in use, check that it serves real helm archives.',
        });
    }
    return major;
}


/***/ })

};

//# sourceMappingURL=484.index.js.map