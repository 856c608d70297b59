import BaselineCLI

BaselineCommand.main(registry: BuiltinPlugins.registry)
