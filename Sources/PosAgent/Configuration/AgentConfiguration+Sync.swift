import Foundation

extension AgentConfiguration {
    static func readSync(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        var sync = configuration.sync
        let server = section.string("server", default: "", "an http:// or https:// base URL such as \"https://loyalty.example.com\"",
                                    valid: { $0.isEmpty || SyncEndpoint.isURL($0) })
        sync.server = server.isEmpty ? nil : server
        let identifier = { (text: String) in (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } }
        let store = section.string("store_id", default: "", "1 to 64 letters, digits, '-', '_' or '.'", valid: { $0.isEmpty || identifier($0) })
        sync.storeID = store.isEmpty ? nil : store
        let agent = section.string("agent_id", default: "", "1 to 64 letters, digits, '-', '_' or '.'", valid: { $0.isEmpty || identifier($0) })
        sync.agentID = agent.isEmpty ? nil : agent
        sync.tokenFile = section.string("token_file", default: sync.tokenFile, "a file name or path", valid: { !$0.isEmpty })
        sync.intervalSeconds = section.int("interval_seconds", default: sync.intervalSeconds, in: 1...86_400, "seconds between uploads")
        sync.batchSize = section.int("batch_size", default: sync.batchSize, in: 1...5_000, "transactions per request")
        sync.timeoutSeconds = section.int("timeout_seconds", default: sync.timeoutSeconds, in: 1...600, "seconds one request may take")
        sync.maxBackoffSeconds = section.int("max_backoff_seconds", default: sync.maxBackoffSeconds, in: 1...86_400,
                                             "the longest wait between retries while the server fails")
        sync.allowInsecureHTTP = section.bool("allow_insecure_http", default: sync.allowInsecureHTTP,
                                              "whether plain http:// may be used for a host that is not loopback")
        sync.otpSecrets = section.bool("otp_secrets", default: sync.otpSecrets,
                                       "whether members' one-time-code secrets are fetched from the server")
        sync.chainMarketing = section.bool("marketing", default: sync.chainMarketing,
                                           "whether the chain's marketing images are fetched from the server")
        let caFile = section.string("ca_file", default: "", "the path of a PEM file with the central server's CA certificate",
                                    valid: { !$0.isEmpty })
        sync.caFile = caFile.isEmpty ? nil : caFile
        configuration.sync = sync
        if let server = sync.server, !sync.allowInsecureHTTP, let problem = SyncEndpoint.insecurity(of: server) {
            section.report(problem)
        }
        return section
    }
}
