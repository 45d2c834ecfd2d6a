Console.Error.WriteLine("The AppHost is not built yet (issue 7)."); return 1;
