/// Reading the main file and, depth first, the files its `[include]` sections name.
///
/// `files` is a space-separated list of globs, relative to the directory of the file holding the
/// `[include]`; each glob's matches are read in sorted order. A glob that matches nothing is a warning, as
/// in supervisord. Unlike supervisord (which reads only the main file's `[include]`), an included file may
/// include further files; a file already read is skipped with a warning, so cycles end.
extension ConfigBuilder {
    mutating func readFiles() {
        read(path, includedFrom: nil)
    }

    private mutating func read(_ file: String, includedFrom: INIDocument.Entry?) {
        if files.contains(file) {
            report(.warning, at: includedFrom?.location, "\(file) is already read; it is not read again")
            return
        }
        let text: String
        switch ConfigFiles.read(file) {
        case .success(let contents): text = contents
        case .failure(let error):
            if includedFrom == nil, !ConfigFiles.exists(file) {
                report(.error, at: nil, "could not find config file \(file)")
            } else if includedFrom == nil {
                report(.error, at: nil, error.message)
            } else {
                // supervisord skips an included file it cannot read without a word; Tend says so.
                report(.warning, at: includedFrom?.location, "\(error.message); it is skipped")
            }
            return
        }
        files.append(file)
        let (document, problems) = INIParser.parse(text, file: file)
        diagnostics += problems
        for entry in document.defaults {
            if let earlier = defaults.first(where: { $0.key == entry.key }) {
                report(
                    .error, at: entry.location,
                    "'\(entry.key)' is set twice in [DEFAULT] (first at \(earlier.location))")
            } else {
                defaults.append(entry)
            }
        }
        let here = ConfigFiles.directoryName(file)
        var includes: [LoadedSection] = []
        for section in document.sections {
            let loaded = LoadedSection(section: section, here: here)
            if section.name == "include" {
                includes.append(loaded)
            } else if let earlier = sections.first(where: { $0.name == section.name }) {
                report(
                    .error, at: section.location, "section [\(section.name)] is already defined at \(earlier.location)")
                continue
            }
            sections.append(loaded)
        }
        for include in includes { readIncludes(of: include) }
    }

    private mutating func readIncludes(of section: LoadedSection) {
        guard let entry = section.entry("files") else {
            report(.error, at: section.location, "[include] has no 'files' value (e.g. files = conf.d/*.conf)")
            return
        }
        let expansion = baseExpansion(here: section.here).adding(["host_node_name": .text(loader.hostName)])
        guard let patterns = expanded(entry, expansion) else { return }
        for pattern in patterns.split(whereSeparator: { $0.isWhitespace }) {
            let absolute = ConfigFiles.absolute(String(pattern), relativeTo: section.here)
            let matches = ConfigFiles.glob(absolute)
            if matches.isEmpty {
                report(.warning, at: entry.location, "[include] pattern '\(pattern)' matches no file")
            }
            for match in matches {
                read(ConfigFiles.absolute(match, relativeTo: section.here), includedFrom: entry)
            }
        }
    }
}
