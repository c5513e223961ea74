CREATE TABLE "room_checks" (
	"job" text NOT NULL,
	"room" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"covered" timestamp with time zone NOT NULL,
	CONSTRAINT "room_checks_job_room_pk" PRIMARY KEY("job","room")
);
