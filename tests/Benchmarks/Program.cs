Console.Error.WriteLine("No benchmark scenarios yet (issue 9)."); return 1;
