Console.WriteLine("silo placeholder");
