extension Ledger {
    /// Refuses an actor the ledger's `actors` setting does not allow: with
    /// `actors: login`, only the login name of the OS account running the
    /// command (`LedgerOptions.account`) may act or reveal.
    func checkActor(_ actor: String) throws(LedgerError) {
        guard config.actors == .login else { return }
        let login = options.account ?? ""
        guard actor == login else {
            throw .usage("this ledger records who acts by login (actors: login): '\(actor.prefix(64))' is not the login name '\(login.prefix(64))' of this account; leave out --actor and $LEDGER_ACTOR")
        }
    }
}
