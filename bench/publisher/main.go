// Command stagekeeper-publisher joins real participants to a LiveKit room, each publishing
// audio tracks of pre-encoded Opus silence, and holds them until stdin closes or SIGTERM.
// The benchmarks use it for hundreds of published tracks: nothing here encodes audio.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/livekit/protocol/auth"
	"github.com/livekit/protocol/livekit"
	protoLogger "github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media"
)

// opusSilence is one 20 ms Opus frame of silence (CELT, fullband), the frame browsers send for muted audio.
var opusSilence = []byte{0xf8, 0xff, 0xfe}

const joinTimeout = 30 * time.Second

// sourceDigest is set at build time (-ldflags -X) so the bench can tell a stale binary from a current one.
var sourceDigest = "unknown"

type options struct {
	url, apiKey, apiSecret, room, identityPrefix string
	participants, tracksEach, joinConcurrency    int
	timeout, frameEvery                          time.Duration
}

type publishedParticipant struct {
	Identity string   `json:"identity"`
	Tracks   []string `json:"tracks"`
	room     *lksdk.Room
}

type readyLine struct {
	Ready        bool                    `json:"ready"`
	Participants []*publishedParticipant `json:"participants"`
}

func main() {
	opts := parseFlags()
	protoLogger.InitFromConfig(&protoLogger.Config{Level: "error"}, "stagekeeper-publisher") // to stderr
	lksdk.SetLogger(protoLogger.GetLogger())

	ctx, cancel := context.WithTimeout(context.Background(), opts.timeout)
	participants, err := publishAll(ctx, opts)
	cancel()
	if err != nil {
		disconnectAll(participants)
		fmt.Fprintf(os.Stderr, "stagekeeper-publisher: %v\n", err)
		os.Exit(1)
	}

	if err := json.NewEncoder(os.Stdout).Encode(readyLine{Ready: true, Participants: participants}); err != nil {
		disconnectAll(participants)
		os.Exit(1)
	}

	waitForStop()
	disconnectAll(participants)
}

func parseFlags() options {
	var opts options
	flag.StringVar(&opts.url, "url", "ws://127.0.0.1:7880", "LiveKit server address")
	flag.StringVar(&opts.apiKey, "api-key", "devkey", "API key that signs the join tokens")
	flag.StringVar(&opts.apiSecret, "api-secret", "secret", "API secret that signs the join tokens")
	flag.StringVar(&opts.room, "room", "", "room to join (required)")
	flag.StringVar(&opts.identityPrefix, "identity-prefix", "pub-", "participants are <prefix>0, <prefix>1, …")
	flag.IntVar(&opts.participants, "participants", 1, "how many participants join")
	flag.IntVar(&opts.tracksEach, "tracks", 1, "audio tracks each participant publishes")
	flag.IntVar(&opts.joinConcurrency, "join-concurrency", 8, "participants joining and publishing at once")
	flag.DurationVar(&opts.frameEvery, "frame-every", 20*time.Millisecond,
		"one silent frame per this interval: 20ms is continuous audio, 400ms what Opus DTX sends during silence")
	flag.DurationVar(&opts.timeout, "timeout", 2*time.Minute, "give up when not every track is published by then")
	printDigest := flag.Bool("source-digest", false, "print the digest of the sources this binary was built from and exit")
	flag.Parse()
	if *printDigest {
		fmt.Println(sourceDigest)
		os.Exit(0)
	}
	if opts.room == "" || opts.participants < 1 || opts.tracksEach < 1 || opts.joinConcurrency < 1 || opts.frameEvery < 20*time.Millisecond {
		flag.Usage()
		os.Exit(2)
	}
	return opts
}

// publishAll returns every participant that joined, including on error, so the caller can disconnect them.
func publishAll(ctx context.Context, opts options) ([]*publishedParticipant, error) {
	participants := make([]*publishedParticipant, opts.participants)
	errs := make([]error, opts.participants)
	slots := make(chan struct{}, opts.joinConcurrency)
	var wg sync.WaitGroup
	for index := range participants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
			case <-ctx.Done():
				errs[index] = ctx.Err()
				return
			}
			participants[index], errs[index] = publishWithRetries(ctx, opts, fmt.Sprintf("%s%d", opts.identityPrefix, index))
		}()
	}
	wg.Wait()

	joined := make([]*publishedParticipant, 0, len(participants))
	for _, participant := range participants {
		if participant != nil {
			joined = append(joined, participant)
		}
	}
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() != nil {
			return joined, fmt.Errorf("not every track was published within %s: %w", opts.timeout, err)
		}
		return joined, err
	}
	return joined, nil
}

const joinAttempts = 3

// publishWithRetries tries again after a failed join (now and then the SDK's negotiation races
// on a loaded machine); a failed attempt has disconnected, and a rejoin replaces any leftover session.
func publishWithRetries(ctx context.Context, opts options, identity string) (*publishedParticipant, error) {
	var err error
	for attempt := 1; attempt <= joinAttempts; attempt++ {
		var participant *publishedParticipant
		if participant, err = publish(ctx, opts, identity); err == nil || ctx.Err() != nil {
			return participant, err
		}
		if participant != nil {
			participant.room.Disconnect()
		}
		fmt.Fprintf(os.Stderr, "stagekeeper-publisher: attempt %d of %d: %v\n", attempt, joinAttempts, err)
	}
	return nil, err
}

// publish joins with every track in the join request: one negotiation per participant, not one per track.
func publish(ctx context.Context, opts options, identity string) (*publishedParticipant, error) {
	token, err := joinToken(opts, identity)
	if err != nil {
		return nil, err
	}
	joinOptions := []lksdk.ConnectOption{
		lksdk.WithAutoSubscribe(false),
		lksdk.WithSinglePeerConnection(),
		lksdk.WithConnectTimeout(joinTimeout), // the SDK's 5 s is short for a loaded bench machine
	}
	for index := range opts.tracksEach {
		track, err := silentTrack(opts.frameEvery)
		if err != nil {
			return nil, err
		}
		joinOptions = append(joinOptions, lksdk.WithTrack(track, &lksdk.TrackPublicationOptions{
			Name:   fmt.Sprintf("silence-%d", index),
			Source: livekit.TrackSource_MICROPHONE,
		}))
	}
	room := lksdk.NewRoom(lksdk.NewRoomCallback())
	if err := room.JoinWithContextAndToken(ctx, opts.url, token, joinOptions...); err != nil {
		room.Disconnect()
		return nil, fmt.Errorf("%s could not join %s with %d tracks: %w", identity, opts.room, opts.tracksEach, err)
	}
	participant := &publishedParticipant{Identity: identity, room: room}
	for _, publication := range room.LocalParticipant.TrackPublications() {
		participant.Tracks = append(participant.Tracks, publication.SID())
	}
	if len(participant.Tracks) != opts.tracksEach {
		return participant, fmt.Errorf("%s published %d of %d tracks", identity, len(participant.Tracks), opts.tracksEach)
	}
	return participant, nil
}

// joinToken grants publishing without canUpdateMetadata, so the dashboard sees a speaker, not a host.
func joinToken(opts options, identity string) (string, error) {
	publish, subscribe := true, false
	token := auth.NewAccessToken(opts.apiKey, opts.apiSecret).
		SetIdentity(identity).
		SetValidFor(time.Hour).
		SetVideoGrant(&auth.VideoGrant{RoomJoin: true, Room: opts.room, CanPublish: &publish, CanSubscribe: &subscribe})
	return token.ToJWT()
}

func silentTrack(frameEvery time.Duration) (*lksdk.LocalTrack, error) {
	track, err := lksdk.NewLocalSampleTrack(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2})
	if err != nil {
		return nil, err
	}
	// writing starts once the track is bound; the SDK's writer skips samples while the track is muted
	return track, track.StartWrite(&silenceProvider{every: frameEvery}, nil)
}

// silenceProvider hands out the silent frame; a Duration longer than 20 ms advances the RTP clock
// past the frames not sent, as Opus DTX does.
type silenceProvider struct {
	lksdk.BaseSampleProvider
	every time.Duration
}

func (p *silenceProvider) NextSample(context.Context) (media.Sample, error) {
	return media.Sample{Data: opusSilence, Duration: p.every}, nil
}

func (*silenceProvider) CurrentAudioLevel() uint8 { return 127 } // -127 dBov: silence

func waitForStop() {
	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(stdinClosed)
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-stdinClosed:
	case <-signals:
	}
}

func disconnectAll(participants []*publishedParticipant) {
	var wg sync.WaitGroup
	for _, participant := range participants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			participant.room.Disconnect()
		}()
	}
	wg.Wait()
}
