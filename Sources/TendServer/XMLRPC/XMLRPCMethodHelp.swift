/// The documentation `system.methodHelp` returns: a sentence, then `@param type name` and
/// `@return type` lines in the form supervisord's docstrings use (tools parse those tags).
enum XMLRPCMethodHelp {
    /// The help of `name`, or "" for a method without one.
    static func text(for name: String) -> String {
        guard let entry = entries[aliases[name] ?? name] else { return "" }
        return entry
    }

    /// Old names supervisord keeps for compatibility, and the method they stand for.
    static let aliases = [
        "supervisor.getVersion": "supervisor.getAPIVersion",
        "supervisor.readMainLog": "supervisor.readLog",
        "supervisor.readProcessLog": "supervisor.readProcessStdoutLog",
        "supervisor.tailProcessLog": "supervisor.tailProcessStdoutLog",
        "supervisor.clearProcessLog": "supervisor.clearProcessLogs",
    ]

    static let entries: [String: String] = [
        "supervisor.getAPIVersion": """
        Return the version of the RPC API used by the daemon.

        @return string version id
        """,
        "supervisor.getSupervisorVersion": """
        Return the supervisord version whose protocol the daemon speaks.

        @return string version id
        """,
        "supervisor.getIdentification": """
        Return the daemon's identifying string (the identifier setting).

        @return string identifier identifying string
        """,
        "supervisor.getState": """
        Return the daemon's state as a struct.

        @return struct A struct with keys int statecode, string statename
        """,
        "supervisor.getPID": """
        Return the PID of the daemon.

        @return int PID
        """,
        "supervisor.readLog": """
        Read length bytes from the main log starting at offset (a negative offset reads from the end).

        @param int offset         offset to start reading from.
        @param int length         number of bytes to read from the log.
        @return string result     Bytes of log
        """,
        "supervisor.clearLog": """
        Clear the main log.

        @return boolean result always returns True unless error
        """,
        "supervisor.shutdown": """
        Stop every process, then the daemon.

        @return boolean result always returns True unless error
        """,
        "supervisor.restart": """
        Stop every process, read the configuration again and start over.

        @return boolean result  always return True unless error
        """,
        "supervisor.reloadConfig": """
        Read the configuration file again and report the process groups it adds, changes and removes.
        Nothing changes until addProcessGroup and removeProcessGroup are called.

        @return array result  [[added, changed, removed]]
        """,
        "supervisor.addProcessGroup": """
        Start managing a process group of the configuration last read.

        @param string name         name of process group to add
        @return boolean result     true if successful
        """,
        "supervisor.removeProcessGroup": """
        Stop managing a process group whose processes are all stopped.

        @param string name         name of process group to remove
        @return boolean result     Indicates whether the removal was successful
        """,
        "supervisor.startProcess": """
        Start a process.

        @param string name Process name (or ``group:name``, or ``group:*``)
        @param boolean wait Wait for process to be fully started
        @return boolean result     Always true unless error
        """,
        "supervisor.startProcessGroup": """
        Start all processes in the group named 'name'.

        @param string name     The group name
        @param boolean wait    Wait for each process to be fully started
        @return array result   An array of process status info structs
        """,
        "supervisor.startAllProcesses": """
        Start all processes listed in the configuration file.

        @param boolean wait    Wait for each process to be fully started
        @return array result   An array of process status info structs
        """,
        "supervisor.stopProcess": """
        Stop a process named by name.

        @param string name  The name of the process to stop (or 'group:name')
        @param boolean wait        Wait for the process to be fully stopped
        @return boolean result     Always return True unless error
        """,
        "supervisor.stopProcessGroup": """
        Stop all processes in the process group named 'name'.

        @param string name     The group name
        @param boolean wait    Wait for each process to be fully stopped
        @return array result   An array of process status info structs
        """,
        "supervisor.stopAllProcesses": """
        Stop all processes in the process list.

        @param  boolean wait   Wait for each process to be fully stopped
        @return array result   An array of process status info structs
        """,
        "supervisor.signalProcess": """
        Send an arbitrary UNIX signal to the process named by name.

        @param string name    Name of the process to signal (or 'group:name')
        @param string signal  Signal to send, as name ('HUP') or number ('1')
        @return boolean
        """,
        "supervisor.signalProcessGroup": """
        Send a signal to all processes in the group named 'name'.

        @param string name    The group name
        @param string signal  Signal to send, as name ('HUP') or number ('1')
        @return array
        """,
        "supervisor.signalAllProcesses": """
        Send a signal to all processes in the process list.

        @param string signal  Signal to send, as name ('HUP') or number ('1')
        @return array         An array of process status info structs
        """,
        "supervisor.getAllConfigInfo": """
        Get info about all available process configurations. Each struct represents a single
        process (groups are flattened).

        @return array result  An array of process config info structs
        """,
        "supervisor.getProcessInfo": """
        Get info about a process named name.

        @param string name The name of the process (or 'group:name')
        @return struct result     A structure containing data about the process
        """,
        "supervisor.getAllProcessInfo": """
        Get info about all processes.

        @return array result  An array of process status results
        """,
        "supervisor.readProcessStdoutLog": """
        Read length bytes from name's stdout log starting at offset.

        @param string name        the name of the process (or 'group:name')
        @param int offset         offset to start reading from.
        @param int length         number of bytes to read from the log.
        @return string result     Bytes of log
        """,
        "supervisor.readProcessStderrLog": """
        Read length bytes from name's stderr log starting at offset.

        @param string name        the name of the process (or 'group:name')
        @param int offset         offset to start reading from.
        @param int length         number of bytes to read from the log.
        @return string result     Bytes of log
        """,
        "supervisor.tailProcessStdoutLog": """
        Tail the stdout log: up to length bytes from offset; when the log has grown past
        offset + length, the last length bytes with the overflow flag set. The offset returned is
        the log's end, to pass back next time.

        @param string name         the name of the process (or 'group:name')
        @param int offset          offset to start reading from
        @param int length          maximum number of bytes to return
        @return array result       [string bytes, int offset, bool overflow]
        """,
        "supervisor.tailProcessStderrLog": """
        Tail the stderr log: up to length bytes from offset; when the log has grown past
        offset + length, the last length bytes with the overflow flag set. The offset returned is
        the log's end, to pass back next time.

        @param string name         the name of the process (or 'group:name')
        @param int offset          offset to start reading from
        @param int length          maximum number of bytes to return
        @return array result       [string bytes, int offset, bool overflow]
        """,
        "supervisor.clearProcessLogs": """
        Clear the stdout and stderr logs for the named process.

        @param string name   The name of the process (or 'group:name')
        @return boolean result      Always True unless error
        """,
        "supervisor.clearAllProcessLogs": """
        Clear all process log files.

        @return array result   An array of process status info structs
        """,
        "supervisor.sendProcessStdin": """
        Send a string of chars to the stdin of the process name (encoded as UTF-8).

        @param string name        The process name to send to (or 'group:name')
        @param string chars       The character data to send to the process
        @return boolean result    Always return True unless error
        """,
        "supervisor.sendRemoteCommEvent": """
        Send an event that event listeners subscribed to REMOTE_COMMUNICATION receive.

        @param  string  type  String for the "type" key in the event header
        @param  string  data  Data for the event body
        @return boolean       Always return True unless error
        """,
        "system.listMethods": """
        Return an array listing the available method names.

        @return array result  An array of method names available (strings).
        """,
        "system.methodHelp": """
        Return a string showing the method's documentation.

        @param string name   The name of the method.
        @return string result The documentation for the method name.
        """,
        "system.methodSignature": """
        Return an array describing the method signature in the form [rtype, ptype, ptype...].

        @param string name  The name of the method.
        @return array result  The result.
        """,
        "system.multicall": """
        Process an array of calls, each a struct {'methodName': string, 'params': array}, and return
        an array of results: each the call's value, or a struct {'faultCode': int, 'faultString': string}.

        @param array calls  An array of call requests
        @return array result  An array of results
        """,
    ]
}
