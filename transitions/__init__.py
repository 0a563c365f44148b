"""One small engine for status machines: a machine declares its moves as data (from, to, who may, what the person
gives with it, what it checks and changes), and the engine makes every move the same way (`machine.Machine.apply`)
and offers them as admin actions (`admin_actions`). The initiatives' workflow and the nominations' workflow are
declared on it. It depends on no app of the portal, so every app may use it."""
